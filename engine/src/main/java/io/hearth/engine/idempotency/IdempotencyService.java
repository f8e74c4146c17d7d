package io.hearth.engine.idempotency;

import io.hearth.engine.IdempotencyAdmin;
import io.hearth.model.IdempotencyDecision;
import io.hearth.model.IdempotencyRecord;
import io.hearth.store.AsyncDecisionWriter;
import io.hearth.store.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Idempotent execution as one part: builds the gate, the KV service with tracked reads and the
 * invoker, serves {@link IdempotencyAdmin}, and expires old records and decisions.
 */
public final class IdempotencyService implements IdempotencyAdmin, AutoCloseable {
    private static final int MAX_RECORDS_PER_FUNCTION = 10_000;
    private static final Duration DECISION_RETENTION = Duration.ofDays(7);
    private final IdempotencyStore store;
    private final Consumer<String> requireFunction;
    private final RecordCache records;
    private final AsyncDecisionWriter runDecisions;
    private final AsyncDecisionWriter replayDecisions;
    private final ReplayLog replayLog;
    private final KvService kv;
    private final IdempotentInvoker invoker;
    private final Clock clock;

    /**
     * @param requireFunction throws ResourceNotFoundException for an unknown function name
     */
    public IdempotencyService(IdempotencyStore store, io.hearth.store.KvStore kvStore, Consumer<String> requireFunction,
                              Consumer<io.hearth.model.LogEntry> logs, java.util.function.Supplier<String> requestIds,
                              Clock clock) {
        this.store = store;
        this.requireFunction = requireFunction;
        this.clock = clock;
        var tracked = new TrackedReads();
        this.kv = new KvService(kvStore, tracked);
        this.records = new RecordCache(store, MAX_RECORDS_PER_FUNCTION);
        this.runDecisions = new AsyncDecisionWriter(store);
        this.replayDecisions = new AsyncDecisionWriter(store);
        this.replayLog = new ReplayLog(logs);
        var gate = new IdempotencyGate(records, new DependencyProbes(kv, Duration.ofSeconds(2)), tracked, clock);
        this.invoker = new IdempotentInvoker(gate, runDecisions, replayDecisions, replayLog, requestIds, clock);
    }

    public KvService kv() {
        return kv;
    }

    public IdempotentInvoker invoker() {
        return invoker;
    }

    @Override
    public List<IdempotencyRecord> records(String functionName, int limit) {
        requireFunction.accept(functionName);
        records.flush();
        return store.list(functionName, limit);
    }

    @Override
    public int purge(String functionName) {
        requireFunction.accept(functionName);
        return records.purge(functionName);
    }

    @Override
    public Optional<IdempotencyDecision> why(String functionName, String requestId) {
        requireFunction.accept(functionName);
        runDecisions.flush();
        replayDecisions.flush();
        return store.decision(requestId).filter(d -> d.functionName().equals(functionName));
    }

    /** One round of expiry (records past their TTL, decisions older than a week). */
    public void expireOnce() {
        try {
            records.flush();
            store.deleteExpired(clock.instant());
            store.deleteDecisionsOlderThan(clock.instant().minus(DECISION_RETENTION));
        } catch (RuntimeException e) {
            System.err.println("hearth: idempotency expiry: " + e);
        }
    }

    /** Writes the replays gathered since the last call as log lines (once a second). */
    public void flushReplayLog() {
        replayLog.flush();
    }

    @Override
    public void close() {
        replayLog.flush();
        records.close();
        runDecisions.close();
        replayDecisions.close();
    }
}
