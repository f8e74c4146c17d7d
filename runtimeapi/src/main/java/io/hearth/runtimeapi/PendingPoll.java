package io.hearth.runtimeapi;

import io.hearth.model.Invocation;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A runtime's parked {@code GET /invocation/next}: answered once, with an event or a refusal. */
record PendingPoll(Response response, Callback callback) {

    /** The header that marks a late-binding document (the payload) instead of an event. */
    static final String BINDING_HEADER = "Lambda-Runtime-Hearth-Binding";

    void answer(Invocation inv, boolean binding) {
        var h = response.getHeaders();
        if (binding) h.put(BINDING_HEADER, "1");
        h.put("Lambda-Runtime-Aws-Request-Id", inv.requestId());
        h.put("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineEpochMs()));
        h.put("Lambda-Runtime-Invoked-Function-Arn", inv.invokedFunctionArn());
        h.put("Lambda-Runtime-Trace-Id", inv.traceId());
        if (inv.clientContext() != null) h.put("Lambda-Runtime-Client-Context", inv.clientContext());
        if (inv.cognitoIdentity() != null) h.put("Lambda-Runtime-Cognito-Identity", inv.cognitoIdentity());
        h.put(HttpHeader.CONTENT_TYPE, "application/json");
        h.put(HttpHeader.CONTENT_LENGTH, inv.payload().length);
        response.setStatus(HttpStatus.OK_200);
        response.write(true, ByteBuffer.wrap(inv.payload()), callback);
    }

    void refuse(int status, String errorType, String message) {
        RuntimeErrors.write(response, callback, status, errorType, message);
    }
}
