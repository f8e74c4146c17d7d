package io.hearth.api;

import io.hearth.engine.InvokeService;
import io.hearth.model.FunctionVersion;
import io.hearth.model.InvokeCommand;
import io.hearth.model.InvokeResult;
import io.hearth.model.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory InvokeService over {@link FakeControlPlane}: functions resolve as the control plane
 * says (unknown → ResourceNotFound; a qualifier runs that version or the alias's primary version,
 * reported as the executed version), run by echoing their payload, or fail with Lambda's error JSON
 * when their handler is {@value #FAILING_HANDLER}. A second synchronous invoke of a function with
 * the same {@code Idempotency-Key} replays the first run's answer (a new request id, {@code
 * replayOf} the first's). Event invokes are queued in a list. Every accepted command is recorded
 * so tests can see what the API handed inward.
 */
final class FakeInvokeService implements InvokeService {
    static final String FAILING_HANDLER = "fail.handler";
    static final byte[] ERROR_PAYLOAD =
            "{\"errorMessage\":\"boom\",\"errorType\":\"Exception\",\"stackTrace\":[]}".getBytes(StandardCharsets.UTF_8);

    private final FakeControlPlane control;
    private final List<InvokeCommand> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();
    private final Map<String, InvokeResult> runsByKey = new ConcurrentHashMap<>();

    FakeInvokeService(FakeControlPlane control) {
        this.control = control;
    }

    void failNext(RuntimeException e) {
        nextFailure.set(e);
    }

    void reset() {
        commands.clear();
        queued.clear();
        nextFailure.set(null);
        runsByKey.clear();
    }

    List<InvokeCommand> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    InvokeCommand lastCommand() {
        synchronized (commands) {
            return commands.getLast();
        }
    }

    List<String> queued() {
        return queued;
    }

    @Override
    public java.util.concurrent.CompletableFuture<InvokeResult> invokeAsync(InvokeCommand cmd) {
        return java.util.concurrent.CompletableFuture.completedFuture(invokeNow(cmd));
    }

    private InvokeResult invokeNow(InvokeCommand cmd) {
        FunctionVersion v = accept(cmd);
        String id = UUID.randomUUID().toString();
        InvokeResult prior = cmd.idempotencyKey() == null ? null : runsByKey.get(v.name() + "/" + cmd.idempotencyKey());
        if (prior != null) {
            return new InvokeResult(id, prior.executedVersion(), prior.outcome(), null, prior.requestId());
        }
        Outcome outcome = v.config().handler().equals(FAILING_HANDLER)
                ? new Outcome.FunctionError("Exception", ERROR_PAYLOAD.clone(), false)
                : new Outcome.Success(cmd.payload());
        String tail = cmd.tailLog()
                ? "START RequestId: " + id + " Version: " + v.version() + "\nEND RequestId: " + id + "\n" : null;
        InvokeResult result = new InvokeResult(id, v.version(), outcome, tail);
        if (cmd.idempotencyKey() != null) runsByKey.putIfAbsent(v.name() + "/" + cmd.idempotencyKey(), result);
        return result;
    }

    @Override
    public String enqueue(InvokeCommand cmd) {
        accept(cmd);
        String id = UUID.randomUUID().toString();
        queued.add(id);
        return id;
    }

    @Override
    public FunctionVersion dryRun(InvokeCommand cmd) {
        return accept(cmd);
    }

    private FunctionVersion accept(InvokeCommand cmd) {
        RuntimeException e = nextFailure.getAndSet(null);
        if (e != null) throw e;
        FunctionVersion v = control.getVersion(cmd.ref());
        commands.add(cmd);
        return v;
    }
}
