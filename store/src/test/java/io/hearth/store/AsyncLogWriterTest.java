package io.hearth.store;

import static io.hearth.store.Fixtures.T0;
import static io.hearth.store.Fixtures.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.LogEntry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AsyncLogWriter} against an in-memory fake {@link LogStore}, and once against real SQLite. */
class AsyncLogWriterTest {

    /** Records batches; can hold the writer inside append until released, and can fail chosen calls. */
    static final class FakeLogStore implements LogStore {
        final List<List<LogEntry>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release;
        final AtomicInteger failuresLeft = new AtomicInteger();
        final CountDownLatch firstEntryWritten = new CountDownLatch(1);

        FakeLogStore(boolean holdFirstCall) {
            release = new CountDownLatch(holdFirstCall ? 1 : 0);
        }

        @Override
        public void append(List<LogEntry> batch) {
            entered.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failuresLeft.getAndDecrement() > 0) throw new IllegalStateException("disk on fire");
            batches.add(batch);
            firstEntryWritten.countDown();
        }

        List<LogEntry> written() {
            return batches.stream().flatMap(List::stream).toList();
        }

        @Override
        public List<LogEntry> byFunction(String functionName, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<LogEntry> byRequest(String requestId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int deleteOlderThan(Instant cutoff) {
            throw new UnsupportedOperationException();
        }
    }

    private static List<LogEntry> entries(int n) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(log("req-" + i, "fn", T0.plusMillis(i)));
        return out;
    }

    @Test
    void flushWaitsUntilEverythingSubmittedIsWrittenInOrder() {
        FakeLogStore store = new FakeLogStore(false);
        List<LogEntry> entries = entries(1000);
        try (AsyncLogWriter writer = new AsyncLogWriter(store)) {
            entries.forEach(writer::submit);
            writer.flush();

            assertThat(store.written()).containsExactlyElementsOf(entries);
            assertThat(writer.droppedCount()).isZero();
        }
    }

    @Test
    void entriesQueuedBehindASlowWriteGoOutInBatchesOfAtMost256() throws Exception {
        FakeLogStore store = new FakeLogStore(true);
        List<LogEntry> entries = entries(601);
        try (AsyncLogWriter writer = new AsyncLogWriter(store)) {
            writer.submit(entries.getFirst());
            assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
            entries.subList(1, entries.size()).forEach(writer::submit);
            store.release.countDown();
            writer.flush();

            assertThat(store.written()).containsExactlyElementsOf(entries);
            assertThat(store.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(256));
            assertThat(store.batches).extracting(List::size).contains(256);
            assertThat(store.batches.size()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void anEntryIsWrittenWithoutFlushWithinTheLingerTime() throws Exception {
        FakeLogStore store = new FakeLogStore(false);
        try (AsyncLogWriter writer = new AsyncLogWriter(store)) {
            writer.submit(log("alone", "fn", T0));

            assertThat(store.firstEntryWritten.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(store.written()).extracting(LogEntry::requestId).containsExactly("alone");
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        FakeLogStore store = new FakeLogStore(true);
        try (AsyncLogWriter writer = new AsyncLogWriter(store, 10, 256, Duration.ofMillis(50))) {
            writer.submit(log("first", "fn", T0));
            assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
            entries(15).forEach(writer::submit);

            assertThat(writer.droppedCount()).isEqualTo(5);
            store.release.countDown();
            writer.flush();
            assertThat(store.written()).hasSize(11);
        }
    }

    @Test
    void aFailedWriteIsReportedOnStderrAndTheWriterKeepsGoing() {
        FakeLogStore store = new FakeLogStore(false);
        store.failuresLeft.set(1);
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (AsyncLogWriter writer = new AsyncLogWriter(store)) {
            writer.submit(log("lost", "fn", T0));
            writer.flush();
            writer.submit(log("kept", "fn", T0));
            writer.flush();

            assertThat(store.written()).extracting(LogEntry::requestId).containsExactly("kept");
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("hearth-log-writer").contains("disk on fire");
    }

    @Test
    void closeWritesWhatWasSubmittedAndLaterEntriesAreDropped() {
        FakeLogStore store = new FakeLogStore(false);
        AsyncLogWriter writer = new AsyncLogWriter(store);
        entries(300).forEach(writer::submit);

        writer.close();
        assertThat(store.written()).hasSize(300);

        writer.submit(log("late", "fn", T0));
        writer.flush();
        writer.close();
        assertThat(writer.droppedCount()).isEqualTo(1);
        assertThat(store.written()).hasSize(300);
    }

    @Test
    void incompleteEntriesAreRefusedAtSubmit() {
        try (AsyncLogWriter writer = new AsyncLogWriter(new FakeLogStore(false))) {
            assertThatThrownBy(() -> writer.submit(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> writer.submit(new LogEntry("r", null, "1", T0, "x")))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("functionName");
            assertThat(writer.droppedCount()).isZero();
        }
    }

    @Test
    void writesIntoARealSqliteStore(@TempDir Path dir) {
        try (Store store = Stores.sqlite(dir); AsyncLogWriter writer = new AsyncLogWriter(store.logs())) {
            entries(700).forEach(writer::submit);
            writer.flush();

            assertThat(store.logs().byFunction("fn", 1000)).hasSize(700);
            assertThat(store.logs().byRequest("req-699")).contains(log("req-699", "fn", T0.plusMillis(699)));
        }
    }
}
