package io.hearth.runtime.java;

import java.nio.charset.StandardCharsets;

/**
 * One answer to {@code GET /runtime/invocation/next}: an event, or (header
 * {@code Lambda-Runtime-Hearth-Binding: 1}) a late-binding document to load a function from.
 *
 * @param requestId          {@code Lambda-Runtime-Aws-Request-Id}
 * @param deadlineEpochMs    {@code Lambda-Runtime-Deadline-Ms}, 0 when absent
 * @param invokedFunctionArn {@code Lambda-Runtime-Invoked-Function-Arn}
 * @param traceId            {@code Lambda-Runtime-Trace-Id}
 * @param clientContext      {@code Lambda-Runtime-Client-Context} (JSON), or null
 * @param cognitoIdentity    {@code Lambda-Runtime-Cognito-Identity} (JSON), or null
 * @param tenantId           {@code Lambda-Runtime-Aws-Tenant-Id}, or null
 * @param binding            whether the payload is a binding document rather than an event
 * @param payload            the event (or binding document) bytes
 */
record Invocation(String requestId, long deadlineEpochMs, String invokedFunctionArn, String traceId,
                  String clientContext, String cognitoIdentity, String tenantId, boolean binding, byte[] payload) {

    static final String BINDING_HEADER = "Lambda-Runtime-Hearth-Binding";

    static Invocation from(HttpResponse r) {
        String id = r.header("Lambda-Runtime-Aws-Request-Id");
        if (id == null || id.isEmpty()) {
            throw new IllegalStateException("the Runtime API sent an event without Lambda-Runtime-Aws-Request-Id");
        }
        long deadline = 0;
        String d = r.header("Lambda-Runtime-Deadline-Ms");
        if (d != null) {
            try {
                deadline = Long.parseLong(d.trim());
            } catch (NumberFormatException ignored) {
                // a missing deadline reads as "no time left", as an absent header would
            }
        }
        return new Invocation(id, deadline, r.header("Lambda-Runtime-Invoked-Function-Arn"),
                r.header("Lambda-Runtime-Trace-Id"), utf8(r.header("Lambda-Runtime-Client-Context")),
                utf8(r.header("Lambda-Runtime-Cognito-Identity")), r.header("Lambda-Runtime-Aws-Tenant-Id"),
                "1".equals(r.header(BINDING_HEADER)), r.body());
    }

    /** Header lines arrive as ISO-8859-1; JSON-valued headers are UTF-8. */
    private static String utf8(String latin1) {
        if (latin1 == null || latin1.isEmpty()) return null;
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
