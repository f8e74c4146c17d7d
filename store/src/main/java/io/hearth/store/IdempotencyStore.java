package io.hearth.store;

import io.hearth.model.IdempotencyDecision;
import io.hearth.model.IdempotencyRecord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What idempotent execution keeps: the stored answers of completed runs ({@link IdempotencyRecord}, one per
 * function and record key) and the explanation of every decision to replay or run ({@link IdempotencyDecision},
 * append-only). Records are ordered newest {@code createdAt} first, ties by record key (descending), by
 * {@link #list} and {@link #trim} alike. Every field of a record is required except {@code errorType}; a
 * decision requires {@code requestId}, {@code functionName} and {@code decidedAt}. Limits must be {@code >= 0}.
 */
public interface IdempotencyStore {

    Optional<IdempotencyRecord> get(String functionName, String recordKey);

    /** Insert or replace the record with the same (functionName, recordKey). */
    void put(IdempotencyRecord record);

    /** The function's records, newest createdAt first, at most {@code limit}. */
    List<IdempotencyRecord> list(String functionName, int limit);

    long count(String functionName);

    /** Deletes all of a function's records; returns how many. */
    int purge(String functionName);

    /** Deletes records with {@code expiresAt <= now}; returns how many. */
    int deleteExpired(Instant now);

    /**
     * Keeps the newest {@code keep} records of the function (the first {@code keep} of {@link #list}), deletes
     * the rest; returns how many deleted.
     */
    int trim(String functionName, int keep);

    /** Appends decisions, one transaction per batch; a batch with an incomplete decision is refused whole. */
    void explain(List<IdempotencyDecision> batch);

    /** The newest decision about the request, if any. */
    Optional<IdempotencyDecision> decision(String requestId);

    /** The function's decisions, newest {@code decidedAt} first (ties by request id, descending), at most limit. */
    List<IdempotencyDecision> decisions(String functionName, int limit);

    /** Deletes decisions made before {@code cutoff}; returns how many. */
    int deleteDecisionsOlderThan(Instant cutoff);
}
