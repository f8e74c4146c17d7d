package io.hearth.api;

import io.hearth.engine.InvokeService;
import io.hearth.model.FunctionRef;
import io.hearth.model.InvocationType;
import io.hearth.model.InvokeCommand;
import io.hearth.model.InvokeResult;
import io.hearth.model.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code POST /2015-03-31/functions/{name}/invocations?Qualifier=} — the hot path.
 * RequestResponse → 200 with the function's payload ({@code X-Amz-Function-Error: Unhandled} when
 * it failed, {@code X-Amz-Log-Result} when Tail was asked), Event → 202 once queued, DryRun → 204.
 * The body (empty = {@code {}}) must be one JSON value, checked by streaming over it; it is read
 * with a hard cap of 6 MB (sync) or 1 MB (Event). The answer's {@code x-amzn-RequestId} is the
 * invocation's request id. An {@code Idempotency-Key} header goes into the command of a
 * RequestResponse or Event invoke; an answer that replays an earlier run says so in
 * {@code X-Hearth-Idempotent: replay} and names that run in {@code X-Hearth-Replay-Of}.
 */
final class InvokeHandler implements Operation {
    static final int SYNC_LIMIT = 6_291_456;
    static final int ASYNC_LIMIT = 1_048_576;
    static final String EXECUTED_VERSION = "X-Amz-Executed-Version";
    static final String FUNCTION_ERROR = "X-Amz-Function-Error";
    static final String LOG_RESULT = "X-Amz-Log-Result";

    private final InvokeService invoke;

    InvokeHandler(InvokeService invoke) {
        this.invoke = invoke;
    }

    /** Runs on the I/O thread: a warm synchronous invoke never needs a thread of its own. */
    @Override
    public boolean runsInline() {
        return true;
    }

    @Override
    public void handle(Exchange ex) {
        FunctionRef ref = FunctionRef.parse(ex.path("name"), ex.query("Qualifier"));
        InvocationType type = InvocationType.fromHeader(ex.header(InvokeHeaders.INVOCATION_TYPE));
        boolean tail = InvokeHeaders.tail(ex.header(InvokeHeaders.LOG_TYPE)) && type == InvocationType.REQUEST_RESPONSE;
        String clientContext = InvokeHeaders.clientContext(ex.header(InvokeHeaders.CLIENT_CONTEXT));
        String key = InvokeHeaders.idempotencyKey(ex.header(InvokeHeaders.IDEMPOTENCY_KEY));
        String idempotencyKey = type == InvocationType.DRY_RUN ? null : key;
        byte[] arrived = type == InvocationType.REQUEST_RESPONSE ? ex.bodyIfArrived(SYNC_LIMIT) : null;
        if (arrived != null) {
            start(ex, new InvokeCommand(ref, type, payload(arrived), tail, clientContext, idempotencyKey));
            return;
        }
        // the body is still arriving, too large, or the invocation writes to the store: block elsewhere
        ex.offload(e -> {
            byte[] body = e.body(type == InvocationType.EVENT ? ASYNC_LIMIT : SYNC_LIMIT, "Invoke");
            InvokeCommand cmd = new InvokeCommand(ref, type, payload(body), tail, clientContext, idempotencyKey);
            switch (type) {
                case REQUEST_RESPONSE -> start(e, cmd);
                case EVENT -> {
                    e.requestId(invoke.enqueue(cmd));
                    e.empty(202);
                }
                case DRY_RUN -> {
                    invoke.dryRun(cmd);
                    e.empty(204);
                }
            }
        });
    }

    /** Starts the invoke and answers when it completes, on whichever thread completes it. */
    private void start(Exchange ex, InvokeCommand cmd) {
        invoke.invokeAsync(cmd).whenComplete((result, failure) -> {
            if (failure != null) ex.fail(failure);
            else answer(ex, result);
        });
    }

    /** The payload to hand on: {@code {}} for an empty body, else the body once checked to be JSON. */
    static byte[] payload(byte[] body) {
        if (body.length == 0) return new byte[] {'{', '}'};
        JsonCodec.validatePayload(body);
        return body;
    }

    private static void answer(Exchange ex, InvokeResult result) {
        ex.requestId(result.requestId());
        ex.header(EXECUTED_VERSION, result.executedVersion());
        if (result.replayed()) {
            ex.header(InvokeHeaders.IDEMPOTENT, "replay");
            ex.header(InvokeHeaders.REPLAY_OF, result.replayOf());
        }
        if (result.logTail() != null) {
            ex.header(LOG_RESULT, Base64.getEncoder().encodeToString(result.logTail().getBytes(StandardCharsets.UTF_8)));
        }
        byte[] body = switch (result.outcome()) {
            case Outcome.Success s -> s.payload();
            case Outcome.FunctionError f -> {
                ex.header(FUNCTION_ERROR, "Unhandled");
                yield f.payload();
            }
        };
        ex.json(200, body);
    }
}
