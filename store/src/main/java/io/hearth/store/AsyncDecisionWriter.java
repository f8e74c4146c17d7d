package io.hearth.store;

import io.hearth.model.IdempotencyDecision;

import java.time.Duration;
import java.util.Objects;

/**
 * Records idempotency decisions off the caller's thread, as {@link AsyncLogWriter} does logs (the mechanism
 * is {@code BatchingWriter}'s): {@link #submit} never blocks and drops and counts ({@link #droppedCount}) when
 * its queue of 100,000 is full; the daemon thread {@code hearth-decision-writer} calls
 * {@link IdempotencyStore#explain} with batches of up to 256 decisions, lingering at most 50 ms for a batch to
 * fill. A failed batch is reported on stderr and lost. {@link #flush} waits for everything submitted before
 * it; {@link #close} flushes and stops the thread.
 */
public final class AsyncDecisionWriter extends BatchingWriter<IdempotencyDecision> {

    public AsyncDecisionWriter(IdempotencyStore store) {
        this(store, DEFAULT_CAPACITY, DEFAULT_BATCH, DEFAULT_LINGER);
    }

    AsyncDecisionWriter(IdempotencyStore store, int capacity, int maxBatch, Duration linger) {
        super("hearth-decision-writer", "idempotency decisions", Objects.requireNonNull(store, "store")::explain,
                capacity, maxBatch, linger);
    }

    /** Queues the decision for writing; never blocks. Throws NullPointerException for an incomplete decision. */
    public void submit(IdempotencyDecision d) {
        offer(IdempotencyRows.requireComplete(d));
    }
}
