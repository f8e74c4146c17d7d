package io.hearth.api;

import io.hearth.engine.IdempotencyAdmin;
import io.hearth.model.FunctionRef;
import io.hearth.model.IdempotencyDecision;
import io.hearth.model.IdempotencyRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory IdempotencyAdmin: records and decisions are added by the test; records are listed
 * newest first and purged per function; functions unknown to {@link FakeControlPlane} are 404 for
 * records and purges, as the engine's contract says.
 */
final class FakeIdempotencyAdmin implements IdempotencyAdmin {
    private final FakeControlPlane control;
    private final List<IdempotencyRecord> records = new ArrayList<>();
    private final List<IdempotencyDecision> decisions = new ArrayList<>();

    FakeIdempotencyAdmin(FakeControlPlane control) {
        this.control = control;
    }

    synchronized void add(IdempotencyRecord r) {
        records.add(r);
    }

    synchronized void add(IdempotencyDecision d) {
        decisions.add(d);
    }

    synchronized void reset() {
        records.clear();
        decisions.clear();
    }

    synchronized List<IdempotencyRecord> all() {
        return List.copyOf(records);
    }

    @Override
    public synchronized List<IdempotencyRecord> records(String functionName, int limit) {
        requireFunction(functionName);
        return records.stream()
                .filter(r -> r.functionName().equals(functionName))
                .sorted(Comparator.comparing(IdempotencyRecord::createdAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int purge(String functionName) {
        requireFunction(functionName);
        int before = records.size();
        records.removeIf(r -> r.functionName().equals(functionName));
        return before - records.size();
    }

    @Override
    public synchronized Optional<IdempotencyDecision> why(String functionName, String requestId) {
        return decisions.stream()
                .filter(d -> d.functionName().equals(functionName) && d.requestId().equals(requestId))
                .findFirst();
    }

    private void requireFunction(String functionName) {
        control.get(new FunctionRef(functionName, Optional.empty()));
    }
}
