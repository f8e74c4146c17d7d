package io.hearth.engine;

import io.hearth.model.FunctionVersion;
import io.hearth.model.InvokeCommand;
import io.hearth.model.InvokeResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Invocation as the API adapters see it. */
public interface InvokeService {

    /**
     * Starts a RequestResponse invoke without blocking the caller. Refusals (ResourceNotFound,
     * TooManyRequests — 429 at once, never queued) are thrown by this call; the future completes
     * with the outcome, function failures being {@link io.hearth.model.Outcome.FunctionError}s.
     * It may complete on a platform I/O thread: its dependents must not block.
     */
    CompletableFuture<InvokeResult> invokeAsync(InvokeCommand cmd);

    /** {@link #invokeAsync} and wait. */
    default InvokeResult invoke(InvokeCommand cmd) {
        try {
            return invokeAsync(cmd).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Accepts an Event invoke: durably queued before this returns. Returns the request id. */
    String enqueue(InvokeCommand cmd);

    /** Validates a DryRun invoke (function exists, caller may invoke it); returns the version. */
    FunctionVersion dryRun(InvokeCommand cmd);
}
