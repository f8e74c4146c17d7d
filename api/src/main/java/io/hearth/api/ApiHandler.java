package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.engine.EngineMetrics;
import io.hearth.engine.IdempotencyAdmin;
import io.hearth.engine.InvokeService;
import io.hearth.engine.KvAdmin;
import io.hearth.engine.LogQuery;
import io.hearth.model.Arns;
import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The whole HTTP surface of a Hearth node as one Jetty core handler: the AWS Lambda API
 * ({@link LambdaRoutes}) and Hearth's own API ({@link HearthRoutes}). It answers every request:
 * a refusal ({@link HearthException}) through {@link ErrorResponses}; anything unexpected as a 500
 * ServiceException that names only the request id, the cause going to the log. {@code handle}
 * never blocks: operations that may block run on a virtual thread each; the invoke operation runs
 * on the I/O thread and answers when the engine's future completes.
 *
 * <p>The connector serving it must use {@link #URI_COMPLIANCE}
 * ({@code httpConfiguration.setUriCompliance(ApiHandler.URI_COMPLIANCE)}): Jetty's default refuses
 * an encoded {@code /} ({@code %2F}) before any handler runs, and key-value keys may contain one.
 */
public final class ApiHandler extends Handler.Abstract.NonBlocking {
    /**
     * Jetty's default URI compliance plus encoded path separators: routing splits the raw path and
     * decodes each variable segment on its own, so {@code a%2Fb} is one segment whose value is
     * {@code a/b}. Other ambiguous paths (empty segments, encoded dot segments) stay refused.
     */
    public static final UriCompliance URI_COMPLIANCE =
            UriCompliance.DEFAULT.with("HEARTH_API", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR);

    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

    private final RouteTable lambda;
    private final RouteTable hearth;
    private final Executor blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("api-", 0).factory());

    public ApiHandler(ControlPlane control, InvokeService invoke, LogQuery logs, Arns arns, BooleanSupplier ready,
                      KvAdmin kv, IdempotencyAdmin idempotency, EngineMetrics metrics) {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(invoke, "invoke");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(arns, "arns");
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(kv, "kv");
        Objects.requireNonNull(idempotency, "idempotency");
        this.lambda = LambdaRoutes.create(control, invoke, arns);
        this.hearth = HearthRoutes.create(control, arns, logs, ready, kv, idempotency, metrics);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response, callback, this::offload);
        try {
            String[] segments = PathTemplate.split(ex.rawPath());
            if (segments == null) {
                throw new HearthException(ErrorCode.NOT_FOUND_ROUTE, "No operation matches " + ex.method());
            }
            Operation op = (HearthRoutes.owns(segments) ? hearth : lambda).route(ex, segments);
            if (op.runsInline()) run(ex, op);
            else offload(ex, op);
        } catch (HearthException e) {
            fail(ex, e);
        }
        return true;
    }

    private void offload(Exchange ex, Operation op) {
        blocking.execute(() -> run(ex, op));
    }

    private static void run(Exchange ex, Operation op) {
        try {
            op.handle(ex);
        } catch (Throwable t) {
            fail(ex, t);
        }
    }

    /** Answers a failed exchange: a refusal as its Lambda error, anything else as a 500. */
    static void fail(Exchange ex, Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        switch (t) {
            case HearthException e -> refuse(ex, e);
            case IOException e -> {
                LOG.log(Level.DEBUG, () -> "request " + ex.requestId() + ": client connection failed: " + e);
                if (!ex.answered()) ex.abort(e);
            }
            default -> {
                LOG.log(Level.ERROR, "request " + ex.requestId() + " (" + ex.method() + " " + ex.rawPath() + ") failed", t);
                refuse(ex, ErrorResponses.unexpected(ex.requestId()));
            }
        }
    }

    private static void refuse(Exchange ex, HearthException e) {
        if (ex.answered()) {
            LOG.log(Level.ERROR, "request " + ex.requestId() + " failed after its answer started", e);
            return;
        }
        ex.resetHeaders();
        ex.discardUnreadBody();
        ErrorResponses.write(ex, e);
    }
}
