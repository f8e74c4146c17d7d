package io.hearth.engine.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ArrivalHistoryTest {

    @Test
    void keepsTheLast32ArrivalsOldestFirst() {
        var h = new ArrivalHistory(1);
        for (int i = 1; i <= 40; i++) h.record(i * 1000L);
        long[] s = h.snapshot().arrivals();
        assertThat(s).hasSize(ArrivalHistory.CAPACITY);
        assertThat(s[0]).isEqualTo(9_000);
        assertThat(s[31]).isEqualTo(40_000);
        assertThat(ArrivalHistory.gaps(s)).hasSize(31).containsOnly(1000L);
    }

    @Test
    void arrivalsWithinTheSampleIntervalOfTheLastRecordedOneAreNotRecorded() {
        var h = new ArrivalHistory(10_000);
        assertThat(h.record(0)).isTrue();
        assertThat(h.record(4_000)).isFalse();
        assertThat(h.record(9_999)).isFalse();
        assertThat(h.record(10_000)).isTrue();
        assertThat(h.record(25_000)).isTrue();
        assertThat(h.snapshot().arrivals()).containsExactly(0, 10_000, 25_000);
        assertThat(h.version()).isEqualTo(3);
    }

    @Test
    void anArrivalThatAppearsOutOfOrderIsDropped() {
        var h = new ArrivalHistory(100);
        h.record(5_000);
        assertThat(h.record(4_000)).isFalse();
        assertThat(h.snapshot().arrivals()).containsExactly(5_000);
    }

    @Test
    void racingRecordersLeaveAnOrderedHistoryWithGapsOfAtLeastTheSampleInterval() throws Exception {
        var h = new ArrivalHistory(100);
        var clock = new AtomicLong();
        var recorded = new ConcurrentLinkedQueue<Long>();
        var start = new CountDownLatch(1);
        var workers = new ArrayList<Thread>();
        for (int w = 0; w < 8; w++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200_000; i++) {
                    long t = clock.incrementAndGet();
                    if (h.record(t)) recorded.add(t);
                }
            }));
        }
        start.countDown();
        for (Thread t : workers) t.join(TimeUnit.SECONDS.toMillis(30));
        long[] s = h.snapshot().arrivals();
        assertThat(s).hasSize(ArrivalHistory.CAPACITY).isSorted();
        long[] all = recorded.stream().mapToLong(Long::longValue).sorted().toArray();
        assertThat(all.length).isGreaterThan(1_000);
        for (long gap : ArrivalHistory.gaps(all)) assertThat(gap).isGreaterThanOrEqualTo(100);
    }
}
