package io.hearth.api;

import io.hearth.engine.InvokeService;
import io.hearth.model.FunctionRef;
import io.hearth.model.InvocationType;
import io.hearth.model.InvokeCommand;
import java.nio.charset.StandardCharsets;

/**
 * The legacy {@code POST /2014-11-13/functions/{name}/invoke-async/}: an Event invoke of
 * {@code $LATEST} answered 202 {@code {"Status":202}}. It takes an {@code Idempotency-Key} as
 * Invoke does.
 */
final class InvokeAsyncHandler implements Operation {
    private static final byte[] ACCEPTED = "{\"Status\":202}".getBytes(StandardCharsets.US_ASCII);

    private final InvokeService invoke;

    InvokeAsyncHandler(InvokeService invoke) {
        this.invoke = invoke;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        FunctionRef ref = FunctionRef.parse(ex.path("name"), null);
        String key = InvokeHeaders.idempotencyKey(ex.header(InvokeHeaders.IDEMPOTENCY_KEY));
        byte[] payload = InvokeHandler.payload(ex.body(InvokeHandler.ASYNC_LIMIT, "InvokeAsync"));
        ex.requestId(invoke.enqueue(new InvokeCommand(ref, InvocationType.EVENT, payload, false, null, key)));
        ex.json(202, ACCEPTED);
    }
}
