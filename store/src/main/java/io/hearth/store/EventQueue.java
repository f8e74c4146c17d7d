package io.hearth.store;

import io.hearth.model.QueuedEvent;

import java.time.Instant;
import java.util.List;

/**
 * The durable queue of accepted {@code Event} invocations, keyed by request id. It hands out due events
 * but does not lease them: the dispatcher that calls {@link #due} owns what it got until it calls
 * {@link #reschedule} or {@link #remove}.
 */
public interface EventQueue {

    /** Stores the event; durable when this returns. Enqueueing a request id already queued changes nothing. */
    void enqueue(QueuedEvent e);

    /** Up to {@code max} events with {@code notBefore <= now}, oldest {@code notBefore} first. */
    List<QueuedEvent> due(Instant now, int max);

    /** Updates {@code attempts} and {@code notBefore} of the queued event with the same request id, if still queued. */
    void reschedule(QueuedEvent e);

    /** Removes the event; nothing happens if it is not queued. */
    void remove(String requestId);

    int size();
}
