package io.hearth.engine.idempotency;

import io.hearth.model.FunctionVersion;
import io.hearth.model.IdempotencyDecision;
import io.hearth.model.InvokeResult;
import io.hearth.model.Outcome;
import io.hearth.store.AsyncDecisionWriter;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Synchronous invokes of idempotent functions. Identical concurrent requests (same version and
 * canonical payload) collapse into one flight: the first checks the record and either replays it
 * or runs the function; the others wait for that answer and receive it as a replay. A replay
 * touches no sandbox and takes no concurrency permit. Every decision is explained (see
 * {@link IdempotencyDecision}) and counted.
 */
public final class IdempotentInvoker {
    /** Runs the function for real under {@code requestId} (admission, placement, run). */
    @FunctionalInterface
    public interface Runner {
        CompletableFuture<InvokeResult> run(String requestId);
    }

    private final IdempotencyGate gate;
    private final AsyncDecisionWriter runDecisions;
    private final AsyncDecisionWriter replayDecisions;
    private final ReplayLog replayLog;
    private final Supplier<String> requestIds;
    private final Clock clock;
    private final ConcurrentHashMap<String, CompletableFuture<InvokeResult>> flights = new ConcurrentHashMap<>();
    private final AtomicLong replays = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();

    /**
     * Run decisions and replay decisions go to separate writers: a flood of replays may overflow
     * its queue (dropped entries are counted), but must never crowd out a run's explanation.
     */
    IdempotentInvoker(IdempotencyGate gate, AsyncDecisionWriter runDecisions, AsyncDecisionWriter replayDecisions,
                      ReplayLog replayLog, Supplier<String> requestIds, Clock clock) {
        this.gate = gate;
        this.runDecisions = runDecisions;
        this.replayDecisions = replayDecisions;
        this.replayLog = replayLog;
        this.requestIds = requestIds;
        this.clock = clock;
    }

    public CompletableFuture<InvokeResult> invoke(FunctionVersion v, IdempotencyPolicy policy, byte[] payload,
                                                  boolean tail, Runner runner) {
        return invoke(v, policy, payload, tail, runner, requestIds.get());
    }

    /** As {@link #invoke(FunctionVersion, IdempotencyPolicy, byte[], boolean, Runner)} under a given request id (an Event's). */
    public CompletableFuture<InvokeResult> invoke(FunctionVersion v, IdempotencyPolicy policy, byte[] payload,
                                                  boolean tail, Runner runner, String requestId) {
        String recordKey = RecordKeys.recordKey(v, payload);
        String flightKey = v.name() + '\u0000' + recordKey;
        var mine = new CompletableFuture<InvokeResult>();
        CompletableFuture<InvokeResult> leader = flights.putIfAbsent(flightKey, mine);
        if (leader != null) {
            return leader.thenApply(r -> {
                String prior = r.replayOf() != null ? r.replayOf() : r.requestId();
                explain(requestId, v.name(), true, prior, "joined an identical request in flight");
                return replayAnswer(requestId, v, r.outcome(), prior, tail);
            });
        }
        try {
            lead(v, policy, tail, runner, recordKey, requestId).whenComplete((r, failure) -> {
                flights.remove(flightKey, mine);
                if (failure != null) mine.completeExceptionally(failure);
                else mine.complete(r);
            });
        } catch (RuntimeException e) {
            flights.remove(flightKey, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private CompletableFuture<InvokeResult> lead(FunctionVersion v, IdempotencyPolicy policy, boolean tail,
                                                 Runner runner, String recordKey, String requestId) {
        var check = gate.check(v, policy, recordKey, requestId);
        switch (check) {
            case IdempotencyGate.Replay replay -> {
                var r = replay.record();
                explain(requestId, v.name(), true, r.requestId(), replay.reason());
                Outcome outcome = r.functionError() ? new Outcome.FunctionError(r.errorType(), r.payload(), false)
                        : new Outcome.Success(r.payload());
                return CompletableFuture.completedFuture(replayAnswer(requestId, v, outcome, r.requestId(), tail));
            }
            case IdempotencyGate.Run run -> {
                runs.incrementAndGet();
                explain(requestId, v.name(), false, null, run.reason());
                return runner.run(requestId).thenApply(result -> {
                    String notStored = gate.completed(v, policy, run, requestId, result.outcome());
                    if (notStored == null) recorded.incrementAndGet();
                    return result;
                });
            }
        }
    }

    /**
     * A replay's answer: counted, logged (aggregated per prior run, see {@link ReplayLog}), and
     * a caller asking for {@code Tail} gets its REPLAY line.
     */
    private InvokeResult replayAnswer(String requestId, FunctionVersion v, Outcome outcome, String prior,
                                      boolean tail) {
        replays.incrementAndGet();
        replayLog.replayed(v.name(), v.version(), prior, requestId, clock.instant());
        String log = tail ? "REPLAY RequestId: " + requestId + " Version: " + v.version() + " Replayed: " + prior
                + " (idempotent; nothing ran)\n" : null;
        return new InvokeResult(requestId, v.version(), outcome, log, prior);
    }

    private void explain(String requestId, String function, boolean replayed, String prior, String reason) {
        if (replayed && !replayDecisionBudget.tryTake(clock.millis())) {
            replayDecisionsSkipped.incrementAndGet();
            return;
        }
        var d = new IdempotencyDecision(requestId, function, replayed, prior, reason, clock.instant());
        (replayed ? replayDecisions : runDecisions).submit(d);
    }

    /**
     * At most {@link #REPLAY_DECISIONS_PER_SECOND} replay decisions are stored a second: past that,
     * storing them would cost more than answering the replays (the replays are still counted and
     * logged); a run's decision is always stored.
     */
    static final int REPLAY_DECISIONS_PER_SECOND = 2_000;
    private final PerSecondBudget replayDecisionBudget = new PerSecondBudget(REPLAY_DECISIONS_PER_SECOND);
    private final AtomicLong replayDecisionsSkipped = new AtomicLong();

    /** Replay decisions not stored because the per-second budget was spent. */
    public long replayDecisionsSkipped() {
        return replayDecisionsSkipped.get();
    }

    public long replays() {
        return replays.get();
    }

    public long runs() {
        return runs.get();
    }

    public long recorded() {
        return recorded.get();
    }

    /** Replay decisions dropped because their queue was full (run decisions have their own). */
    public long decisionsDropped() {
        return replayDecisions.droppedCount() + runDecisions.droppedCount();
    }
}
