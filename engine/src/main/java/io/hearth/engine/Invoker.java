package io.hearth.engine;

import io.hearth.engine.idempotency.IdempotencyPolicy;
import io.hearth.engine.idempotency.IdempotentInvoker;
import io.hearth.model.Arns;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Invocation;
import io.hearth.model.InvokeCommand;
import io.hearth.model.InvokeResult;
import io.hearth.model.LogEntry;
import io.hearth.model.Outcome;
import io.hearth.sandbox.RunResult;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxStartException;
import io.hearth.store.AsyncLogWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Runs one invocation: resolve → (idempotent? replay or run) → admit → place → run → release →
 * record. Each step is one collaborator; the walk goes forward only.
 *
 * <p>A warm invoke never blocks a thread: the event is handed to the sandbox and the rest of the
 * walk runs on whichever thread ends the run (normally the Runtime API's I/O thread). Only a cold
 * start, which must spawn a process, moves to a virtual thread. No database access happens here:
 * the log entry goes to a batching writer.
 */
final class Invoker {
    private final FunctionRegistry registry;
    private final Admission admission;
    private final Placement placement;
    private final AsyncLogWriter logs;
    private final Arns arns;
    private final Clock clock;
    private final IdempotentInvoker idempotent;
    private final Handovers handovers;
    private final Prewarmer prewarmer;
    private final java.util.concurrent.atomic.LongAdder invocations = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder coldStartCount = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder functionErrors = new java.util.concurrent.atomic.LongAdder();
    private final Executor coldStarts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cold-start-", 0)
            .factory());

    Invoker(FunctionRegistry registry, Admission admission, Placement placement, AsyncLogWriter logs, Arns arns,
            Clock clock, IdempotentInvoker idempotent, Handovers handovers, Prewarmer prewarmer) {
        this.prewarmer = prewarmer;
        this.idempotent = idempotent;
        this.handovers = handovers;
        this.registry = registry;
        this.admission = admission;
        this.placement = placement;
        this.logs = logs;
        this.arns = arns;
        this.clock = clock;
    }

    /**
     * A synchronous invoke. Refusals (not found, 429 when the node is full) are thrown at once;
     * the future then completes with the result, never exceptionally for user-code failures.
     */
    CompletableFuture<InvokeResult> invoke(InvokeCommand cmd) {
        FunctionVersion v = registry.resolve(cmd.ref());
        IdempotencyPolicy policy = registry.policy(v);
        if (policy.enabled()) {
            return idempotent.invoke(v, policy, cmd.payload(), cmd.tailLog(), id -> execute(v, cmd, id));
        }
        return execute(v, cmd, RequestIds.newRequestId());
    }

    /** The plain path: admit, run, answer. */
    private CompletableFuture<InvokeResult> execute(FunctionVersion v, InvokeCommand cmd, String requestId) {
        Admission.Permit permit = admission.acquire(v.name());
        CompletableFuture<Ran> ran;
        try {
            ran = start(v, cmd.ref().alias(), requestId, cmd.ref().qualifier().isPresent(), cmd.payload(),
                    cmd.clientContext());
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
        return ran.whenComplete((r, failure) -> permit.release())
                .thenApply(r -> new InvokeResult(requestId, r.executedVersion(), r.outcome(),
                        cmd.tailLog() ? InvocationLogFormat.tail(r.log()) : null));
    }

    /**
     * What one run produced: the outcome, the invocation's formatted log, and the version that
     * executed (during an alias's handover, the version that stood in for the one resolved).
     */
    record Ran(Outcome outcome, String log, String executedVersion) {}

    /**
     * Runs an Event invocation, requested through {@code alias} (or null), under an already-held
     * permit and waits: through idempotency when the function is idempotent (a replay runs
     * nothing), else plainly.
     */
    Ran runEvent(FunctionVersion v, String alias, String requestId, boolean qualified, byte[] payload,
                 String clientContext) {
        IdempotencyPolicy policy = registry.policy(v);
        if (!policy.enabled()) {
            try {
                return start(v, alias, requestId, qualified, payload, clientContext).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            InvokeResult r = idempotent.invoke(v, policy, payload, false, id -> start(v, alias, id, qualified, payload,
                    clientContext).thenApply(ran -> new InvokeResult(id, ran.executedVersion(), ran.outcome(), null)),
                    requestId).join();
            return new Ran(r.outcome(), "", r.executedVersion());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * Places and runs one invocation of {@code v}, requested through {@code alias} (or null): on an
     * idle sandbox of {@code v}, else on one standing in during a handover (which may be of
     * another version of an alias: that version then executes and is reported), else a cold start.
     */
    private CompletableFuture<Ran> start(FunctionVersion v, String alias, String requestId, boolean qualified,
                                         byte[] payload, String clientContext) {
        long now = clock.millis();
        invocations.increment();
        prewarmer.arrival(v, now);
        Sandbox warm = placement.warm(v);
        if (warm == null) warm = handovers.fallback(v, alias);   // the old code, while the new code warms
        FunctionVersion runs = warm != null ? warm.version() : v;
        String arn = qualified ? arns.function(runs.name(), runs.version()) : arns.function(runs.name());
        var inv = new Invocation(requestId, runs, arn, payload, now + runs.config().timeoutSeconds() * 1000L,
                RequestIds.newTraceId(now), clientContext, null);
        CompletableFuture<RunResult> result;
        if (warm != null) {
            result = runOn(warm, inv, runs);
        } else {
            coldStartCount.increment();
            Sandbox generic = placement.generic(v);   // late binding from the warming pool
            result = (generic != null
                    ? CompletableFuture.supplyAsync(() -> placement.bindAndRun(generic, v, inv, timeoutNanos(v)),
                            coldStarts).thenCompose(run -> run).thenApply(r -> settle(generic, v, r))
                    : CompletableFuture.supplyAsync(() -> placement.launch(v), coldStarts)
                            .thenCompose(sandbox -> runOn(sandbox, inv, v)))
                    .exceptionally(failure -> failedStart(failure));
        }
        return result.thenApply(r -> record(runs, requestId, now, r));
    }

    private static long timeoutNanos(FunctionVersion v) {
        return v.config().timeoutSeconds() * 1_000_000_000L;
    }

    private CompletableFuture<RunResult> runOn(Sandbox sandbox, Invocation inv, FunctionVersion v) {
        return sandbox.start(inv, timeoutNanos(v)).thenApply(r -> settle(sandbox, v, r));
    }

    /** After a run: the sandbox goes back to the active pool, or stops when its snapshot is no longer served. */
    private RunResult settle(Sandbox sandbox, FunctionVersion v, RunResult r) {
        FunctionVersion own = sandbox.version();
        if (registry.isCurrent(own)) {
            placement.release(sandbox, clock.millis());
        } else if (handovers.serving(own.sandboxKey())) {
            placement.release(sandbox, clock.millis());
            handovers.recheck(sandbox);   // the handover may have ended (and retired the idle ones) meanwhile
        } else {
            sandbox.stop("superseded by a newer snapshot of " + v.name());
        }
        return r;
    }

    private static RunResult failedStart(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof SandboxStartException e) return new RunResult(FailedStart.outcome(e), "", 0, 0, 0);
        throw failure instanceof CompletionException c ? c : new CompletionException(cause);
    }

    long invocations() {
        return invocations.sum();
    }

    long coldStarts() {
        return coldStartCount.sum();
    }

    long functionErrors() {
        return functionErrors.sum();
    }

    private Ran record(FunctionVersion v, String requestId, long startedMillis, RunResult r) {
        if (r.outcome() instanceof Outcome.FunctionError) functionErrors.increment();
        String log = InvocationLogFormat.format(requestId, v, r);
        logs.submit(new LogEntry(requestId, v.name(), v.version(), Instant.ofEpochMilli(startedMillis), log));
        return new Ran(r.outcome(), log, v.version());
    }
}
