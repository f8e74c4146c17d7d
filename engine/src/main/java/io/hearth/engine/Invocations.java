package io.hearth.engine;

import io.hearth.model.FunctionVersion;
import io.hearth.model.InvokeCommand;
import io.hearth.model.InvokeResult;
import java.util.concurrent.CompletableFuture;

/** The invoke API: sync invokes through the {@link Invoker}, Event invokes into the queue. */
final class Invocations implements InvokeService {
    private final FunctionRegistry registry;
    private final Invoker invoker;
    private final EventDispatcher events;
    private final ClientKeys clientKeys;

    Invocations(FunctionRegistry registry, Invoker invoker, EventDispatcher events, ClientKeys clientKeys) {
        this.registry = registry;
        this.invoker = invoker;
        this.events = events;
        this.clientKeys = clientKeys;
    }

    @Override
    public CompletableFuture<InvokeResult> invokeAsync(InvokeCommand cmd) {
        if (cmd.idempotencyKey() == null) return invoker.invoke(cmd);
        registry.resolve(cmd.ref());
        return clientKeys.invoke(cmd.ref().name(), cmd.idempotencyKey(), cmd.payload(), () -> invoker.invoke(cmd));
    }

    @Override
    public String enqueue(InvokeCommand cmd) {
        if (cmd.idempotencyKey() == null) return events.enqueue(cmd.ref(), cmd.payload(), cmd.clientContext());
        registry.resolve(cmd.ref());
        return clientKeys.enqueue(cmd.ref().name(), cmd.idempotencyKey(), cmd.payload(),
                () -> events.enqueue(cmd.ref(), cmd.payload(), cmd.clientContext()));
    }

    @Override
    public FunctionVersion dryRun(InvokeCommand cmd) {
        return registry.resolve(cmd.ref());
    }
}
