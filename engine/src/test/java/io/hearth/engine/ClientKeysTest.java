package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.model.InvokeResult;
import io.hearth.model.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientKeysTest {
    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static byte[] p(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static CompletableFuture<InvokeResult> ok(AtomicInteger runs, String id) {
        runs.incrementAndGet();
        return CompletableFuture.completedFuture(new InvokeResult(id, "$LATEST", new Outcome.Success(p("1")), null));
    }

    @Test
    void sameKeyAndPayloadRunsOnceUntilTheTtlEnds() {
        var clock = new MovableClock();
        var keys = new ClientKeys(clock, Duration.ofHours(1));
        var runs = new AtomicInteger();
        var first = keys.invoke("fn", "k", p("{}"), () -> ok(runs, "r1")).join();
        var second = keys.invoke("fn", "k", p("{}"), () -> ok(runs, "r2")).join();
        assertThat(runs).hasValue(1);
        assertThat(second.replayOf()).isEqualTo("r1");
        assertThat(second.requestId()).isNotEqualTo(first.requestId());
        clock.now = clock.now.plus(Duration.ofHours(2));
        keys.invoke("fn", "k", p("{}"), () -> ok(runs, "r3")).join();
        assertThat(runs).hasValue(2);
    }

    @Test
    void anotherPayloadUnderTheSameKeyIsAConflict() {
        var keys = new ClientKeys(new MovableClock(), Duration.ofHours(1));
        var runs = new AtomicInteger();
        keys.invoke("fn", "k", p("{\"a\":1}"), () -> ok(runs, "r1")).join();
        assertThatThrownBy(() -> keys.invoke("fn", "k", p("{\"a\":2}"), () -> ok(runs, "r2")))
                .isInstanceOfSatisfying(HearthException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT));
        // keys are per function
        keys.invoke("other", "k", p("{\"a\":2}"), () -> ok(runs, "r3")).join();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aFailureOrRefusalReleasesTheKey() {
        var keys = new ClientKeys(new MovableClock(), Duration.ofHours(1));
        var runs = new AtomicInteger();
        assertThatThrownBy(() -> keys.invoke("fn", "k", p("{}"), () -> {
            throw HearthException.throttled("ConcurrentInvocationLimitExceeded", "Rate Exceeded.", 1);
        })).isInstanceOf(HearthException.class);
        keys.invoke("fn", "k", p("{}"), () -> CompletableFuture.completedFuture(new InvokeResult("r1", "$LATEST",
                new Outcome.FunctionError("E", p("{}"), false), null))).join();
        keys.invoke("fn", "k", p("{}"), () -> ok(runs, "r2")).join();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aSecondCallerWaitsForTheFirst() {
        var keys = new ClientKeys(new MovableClock(), Duration.ofHours(1));
        var pending = new CompletableFuture<InvokeResult>();
        var first = keys.invoke("fn", "k", p("{}"), () -> pending);
        var second = keys.invoke("fn", "k", p("{}"), () -> {
            throw new AssertionError("must not run");
        });
        assertThat(second).isNotDone();
        pending.complete(new InvokeResult("r1", "$LATEST", new Outcome.Success(p("7")), null));
        assertThat(second.join().replayOf()).isEqualTo("r1");
        assertThat(first.join().requestId()).isEqualTo("r1");
    }

    @Test
    void eventsAreAcceptedOnce() {
        var keys = new ClientKeys(new MovableClock(), Duration.ofHours(1));
        var enqueued = new AtomicInteger();
        String a = keys.enqueue("fn", "e", p("{}"), () -> "id-" + enqueued.incrementAndGet());
        String b = keys.enqueue("fn", "e", p("{}"), () -> "id-" + enqueued.incrementAndGet());
        assertThat(a).isEqualTo(b).isEqualTo("id-1");
        assertThat(enqueued).hasValue(1);
    }
}
