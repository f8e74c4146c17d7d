package io.hearth.runtimeapi;

import io.hearth.model.JsonText;

import io.hearth.model.HearthException;
import io.hearth.model.KvEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a session's key-value routes. The call is attributed when the request arrives: to the
 * session's function and to the invocation its runtime holds at that moment. A PUT body is read
 * asynchronously, bounded by {@link KvEntry#MAX_VALUE_BYTES} (413 beyond); then the
 * {@link KvGateway} runs on a virtual thread of its own, since it may block on the store, and
 * the answer is written from there: the Runtime API's I/O threads never wait for it.
 *
 * <p>Admission: a session may have {@link #MAX_IN_FLIGHT} calls running; one more is refused at
 * once with 429, so a function cannot pile up threads. Gateway failures map to statuses here:
 * {@link HearthException} → its {@link io.hearth.model.ErrorCode}'s status and type, an
 * unconfigured store → 501, anything else → 500 ServiceException.
 */
final class KvExchange {
    static final int MAX_IN_FLIGHT = 16;
    static final String VERSION_HEADER = "Hearth-Kv-Version";

    private final KvGateway gateway;
    private final ThreadFactory threads = Thread.ofVirtual().name("runtime-api-kv-", 0).factory();

    KvExchange(KvGateway gateway) {
        this.gateway = gateway;
    }

    /** What one call answers; {@code version} (null for none) goes to the {@value #VERSION_HEADER} header. */
    private sealed interface Outcome {
        Long version();
    }

    private record Answer(int status, String contentType, byte[] body, Long version) implements Outcome {
        static Answer json(String json) {
            return new Answer(HttpStatus.OK_200, "application/json", json.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    /** An error answer, written with {@link RuntimeErrors}. */
    private record Refusal(int status, String errorType, String message, Long version) implements Outcome {}

    void serve(Request request, Response response, Callback callback, RuntimeSession session, KvCommand command) {
        String function = session.functionName();
        String requestId = session.currentRequestId();
        if (function == null) {
            RuntimeErrors.write(response, callback, HttpStatus.FORBIDDEN_403, "AccessDeniedException",
                    "this sandbox is not bound to a function yet");
            return;
        }
        if (!session.enterKv(MAX_IN_FLIGHT)) {
            RuntimeErrors.write(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, "TooManyRequestsException",
                    "more than " + MAX_IN_FLIGHT + " key-value calls in flight in this sandbox");
            return;
        }
        switch (command) {
            case KvCommand.Get c -> dispatch(response, callback, session, () -> get(function, requestId, c));
            case KvCommand.Delete c -> dispatch(response, callback, session, () -> Answer.json(
                    "{\"version\":" + gateway.delete(function, requestId, c.namespace(), c.key()) + "}"));
            case KvCommand.Scan c -> dispatch(response, callback, session, () -> scan(function, requestId, c));
            case KvCommand.Put c -> readValue(request, response, callback, session, value -> Answer.json(
                    "{\"version\":" + gateway.put(function, requestId, c.namespace(), c.key(), value) + "}"));
        }
    }

    /** The value; an absent or deleted key is 404 KeyNotFound with its version (0, or the tombstone's). */
    private Outcome get(String function, String requestId, KvCommand.Get c) {
        Optional<KvEntry> entry = gateway.get(function, requestId, c.namespace(), c.key());
        if (entry.isEmpty() || entry.get().deleted()) {
            return new Refusal(HttpStatus.NOT_FOUND_404, "KeyNotFound", "Key not found: " + c.key(),
                    entry.map(KvEntry::version).orElse(0L));
        }
        return new Answer(HttpStatus.OK_200, "application/octet-stream", entry.get().value(), entry.get().version());
    }

    private Outcome scan(String function, String requestId, KvCommand.Scan c) {
        List<KvEntry> page = gateway.list(function, requestId, c.namespace(), c.prefix(), c.after(), c.limit());
        var json = new StringBuilder("{\"items\":[");
        boolean first = true;
        for (KvEntry e : page) {
            if (e.deleted()) continue;
            if (!first) json.append(',');
            first = false;
            json.append("{\"key\":").append(JsonText.quote(e.key())).append(",\"version\":").append(e.version())
                    .append(",\"value\":").append(JsonText.quote(new String(e.value(), StandardCharsets.UTF_8)))
                    .append('}');
        }
        String next = page.size() >= c.limit() ? page.getLast().key() : null;
        return Answer.json(json.append("],\"next\":").append(JsonText.quote(next)).append('}').toString());
    }

    private void readValue(Request request, Response response, Callback callback, RuntimeSession session,
                           Function<byte[], Outcome> put) {
        if (request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > KvEntry.MAX_VALUE_BYTES) {
            session.exitKv();
            OversizedBody.refuse(request, response, () -> tooLarge(response, callback));
            return;
        }
        Content.Source.asByteArrayAsync(request, KvEntry.MAX_VALUE_BYTES).whenComplete((value, failure) -> {
            if (failure == null) {
                dispatch(response, callback, session, () -> put.apply(value));
                return;
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
                session.exitKv();
                response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
                tooLarge(response, callback);   // length unknown: the rest is not read
            } else {
                session.exitKv();
                callback.failed(cause);
            }
        });
    }

    /** Refuses an oversized value. */
    private static void tooLarge(Response response, Callback callback) {
        RuntimeErrors.write(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "RequestEntityTooLarge",
                "value exceeds " + KvEntry.MAX_VALUE_BYTES + " bytes");
    }

    private void dispatch(Response response, Callback callback, RuntimeSession session, Supplier<Outcome> call) {
        threads.newThread(() -> {
            Outcome outcome;
            try {
                outcome = call.get();
            } catch (HearthException e) {
                outcome = new Refusal(e.code().status(), e.code().type(), e.getMessage(), null);
            } catch (UnconfiguredKv.Refused e) {
                outcome = new Refusal(HttpStatus.NOT_IMPLEMENTED_501, "KvNotConfigured", e.getMessage(), null);
            } catch (RuntimeException e) {
                outcome = new Refusal(HttpStatus.INTERNAL_SERVER_ERROR_500, "ServiceException",
                        "key-value store failed: " + e, null);
            } catch (Error e) {
                session.exitKv();
                callback.failed(e);
                throw e;
            }
            session.exitKv();
            write(response, callback, outcome);
        }).start();
    }

    private static void write(Response response, Callback callback, Outcome outcome) {
        if (outcome.version() != null) response.getHeaders().put(VERSION_HEADER, Long.toString(outcome.version()));
        switch (outcome) {
            case Refusal r -> RuntimeErrors.write(response, callback, r.status(), r.errorType(), r.message());
            case Answer a -> {
                response.setStatus(a.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, a.body().length);
                response.write(true, ByteBuffer.wrap(a.body()), callback);
            }
        }
    }
}
