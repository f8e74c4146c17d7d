package io.hearth.store;

import io.hearth.model.LogEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Invocation logs, one {@link LogEntry} per run. A request id may have several entries (an async event
 * retried keeps its request id); {@link #byRequest} answers the newest. Every field of an entry is required.
 */
public interface LogStore {

    /** Stores the batch in one transaction; a batch with a null entry or field is refused before any write. */
    void append(List<LogEntry> batch);

    /** The function's entries, newest {@code startedAt} first, at most {@code limit} ({@code >= 0}). */
    List<LogEntry> byFunction(String functionName, int limit);

    /** The newest entry of the request, if any. */
    Optional<LogEntry> byRequest(String requestId);

    /** Deletes entries started before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff);
}
