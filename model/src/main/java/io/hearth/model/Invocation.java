package io.hearth.model;

import java.util.Objects;

/**
 * One invocation as handed to a sandbox's runtime: everything the Runtime API's
 * {@code /invocation/next} answer carries. {@code clientContext} and {@code cognitoIdentity}
 * are the JSON strings to pass on, or null.
 */
public record Invocation(
        String requestId,
        FunctionVersion version,
        String invokedFunctionArn,
        byte[] payload,
        long deadlineEpochMs,
        String traceId,
        String clientContext,
        String cognitoIdentity) {

    public Invocation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(payload, "payload");
    }
}
