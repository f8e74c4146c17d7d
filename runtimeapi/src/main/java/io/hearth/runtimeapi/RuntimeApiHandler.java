package io.hearth.runtimeapi;

import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the Runtime API without blocking: {@code /next} parks its exchange in the session, posts
 * read their bodies asynchronously, key-value calls go to {@link KvExchange}, which answers from a
 * virtual thread. A request naming an unknown token, or an invocation id its session does not
 * hold, is refused — one sandbox can never see or answer another's work, nor reach the key-value
 * store as another function.
 */
final class RuntimeApiHandler extends Handler.Abstract.NonBlocking {
    private static final String FUNCTION_ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    private final SessionRegistry registry;
    private final int maxResponseBytes;
    private final KvExchange kv;

    RuntimeApiHandler(SessionRegistry registry, int maxResponseBytes, KvGateway kv) {
        this.registry = registry;
        this.maxResponseBytes = maxResponseBytes;
        this.kv = new KvExchange(kv);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        var uri = request.getHttpURI();
        var route = RuntimeRoutes.match(request.getMethod(), uri.getPath(), uri.getQuery());
        RuntimeSession session = route.token() == null ? null : registry.get(route.token());
        if (route instanceof RuntimeRoutes.Route.Unknown || session == null) {
            RuntimeErrors.write(response, callback, HttpStatus.NOT_FOUND_404, "NotFound",
                    session == null && route.token() != null ? "unknown runtime session" : "unknown route");
            return true;
        }
        switch (route) {
            case RuntimeRoutes.Route.Next n -> session.poll(new PendingPoll(response, callback));
            case RuntimeRoutes.Route.Response r -> readThen(request, response, callback, session, r.requestId(),
                    RuntimeReply.Response::new);
            case RuntimeRoutes.Route.Error e -> readThen(request, response, callback, session, e.requestId(),
                    body -> new RuntimeReply.Error(errorType(request), body));
            case RuntimeRoutes.Route.InitError i -> readThen(request, response, callback, session, null,
                    body -> new RuntimeReply.InitError(errorType(request), body));
            case RuntimeRoutes.Route.Kv k -> kv.serve(request, response, callback, session, k.command());
            case RuntimeRoutes.Route.BadRequest b -> RuntimeErrors.write(response, callback, b.code().status(),
                    b.code().type(), b.message());
            case RuntimeRoutes.Route.Unknown u -> throw new IllegalStateException("unreachable");
        }
        return true;
    }

    private static String errorType(Request request) {
        String t = request.getHeaders().get(FUNCTION_ERROR_TYPE);
        return t == null || t.isEmpty() ? "Runtime.Unknown" : t;
    }

    /**
     * Reads the body (bounded), acknowledges the runtime (202, or 400 for an invocation it does
     * not hold, 413 when too large), then completes the invocation: acknowledging first lets the
     * runtime poll for its next event while the platform finishes this one. {@code requestId}
     * null means an init error, which fails whatever invocation the session holds.
     */
    private void readThen(Request request, Response response, Callback callback, RuntimeSession session,
                          String requestId, Function<byte[], RuntimeReply> toReply) {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > maxResponseBytes) {
            tooLarge(request, response, callback, session, requestId, true);
            return;
        }
        Content.Source.asByteArrayAsync(request, maxResponseBytes).whenComplete((body, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");   // length unknown: rest unread
                    tooLarge(request, response, callback, session, requestId, false);
                } else {
                    callback.failed(cause);
                }
                return;
            }
            RuntimeReply reply = toReply.apply(body);
            if (requestId == null) {
                // fail the waiting invocation before acknowledging: the runtime exits once it has
                // its 202, and the exit must not win the race to answer that invocation
                session.initFailed((RuntimeReply.InitError) reply);
                accepted(response, callback);
                return;
            }
            var pending = session.claim(requestId);
            if (pending == null) {
                RuntimeErrors.write(response, callback, HttpStatus.BAD_REQUEST_400, "InvalidRequestID",
                        "Invalid request ID");
                return;
            }
            accepted(response, callback);
            pending.complete(reply);
        });
    }

    private void tooLarge(Request request, Response response, Callback callback, RuntimeSession session,
                          String requestId, boolean bodyLeft) {
        var pending = requestId == null ? null : session.claim(requestId);
        Runnable answer = () -> {
            RuntimeErrors.write(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "RequestEntityTooLarge",
                    "body exceeds " + maxResponseBytes + " bytes");
            if (pending != null) pending.complete(new RuntimeReply.TooLarge(maxResponseBytes));
        };
        if (bodyLeft) {
            OversizedBody.refuse(request, response, answer);
        } else {
            answer.run();
        }
    }

    private static void accepted(Response response, Callback callback) {
        response.setStatus(HttpStatus.ACCEPTED_202);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, ACCEPTED.length);
        response.write(true, java.nio.ByteBuffer.wrap(ACCEPTED), callback);
    }

    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
}
