package io.hearth.store;

import io.hearth.model.LogEntry;

import java.time.Duration;
import java.util.Objects;

/**
 * Writes invocation logs off the caller's thread. {@link #submit} only offers the entry to a bounded
 * queue and never blocks: when the queue is full the entry is dropped and counted ({@link #droppedCount}).
 * One daemon platform thread, {@code hearth-log-writer}, drains the queue and calls {@link LogStore#append}
 * with batches of up to 256 entries, waiting at most 50 ms after the first entry of a batch for more.
 * A failed append is reported on stderr and its batch is lost; the writer keeps going.
 *
 * <p>{@link #flush} puts a marker behind everything already queued and waits until the writer reaches it.
 * {@link #close} flushes and stops the thread; entries submitted after close are dropped and counted.
 * The mechanism is {@code BatchingWriter}'s.
 */
public final class AsyncLogWriter extends BatchingWriter<LogEntry> {

    public AsyncLogWriter(LogStore store) {
        this(store, DEFAULT_CAPACITY, DEFAULT_BATCH, DEFAULT_LINGER);
    }

    AsyncLogWriter(LogStore store, int capacity, int maxBatch, Duration linger) {
        super("hearth-log-writer", "log entries", Objects.requireNonNull(store, "store")::append, capacity,
                maxBatch, linger);
    }

    /** Queues the entry for writing; never blocks. Throws NullPointerException for an incomplete entry. */
    public void submit(LogEntry e) {
        offer(JdbcLogStore.requireComplete(e));
    }
}
