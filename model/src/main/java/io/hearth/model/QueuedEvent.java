package io.hearth.model;

import java.time.Instant;

/**
 * An accepted {@code Event} invocation waiting in the durable queue. {@code attempts} counts
 * runs already made; {@code notBefore} is when it may next run.
 */
public record QueuedEvent(
        String requestId,
        String functionName,
        String qualifier,
        byte[] payload,
        String clientContext,
        int attempts,
        Instant enqueuedAt,
        Instant notBefore) {

    public QueuedEvent retryAt(Instant when) {
        return new QueuedEvent(requestId, functionName, qualifier, payload, clientContext, attempts + 1, enqueuedAt, when);
    }
}
