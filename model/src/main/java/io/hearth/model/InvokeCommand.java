package io.hearth.model;

/**
 * A validated Invoke request. {@code payload} is valid JSON (an empty body was replaced by
 * {@code {}}); {@code clientContext} is the decoded JSON of {@code X-Amz-Client-Context} or null;
 * {@code idempotencyKey} is the client's {@code Idempotency-Key} header or null.
 */
public record InvokeCommand(FunctionRef ref, InvocationType type, byte[] payload, boolean tailLog,
                            String clientContext, String idempotencyKey) {

    public InvokeCommand(FunctionRef ref, InvocationType type, byte[] payload, boolean tailLog, String clientContext) {
        this(ref, type, payload, tailLog, clientContext, null);
    }
}
