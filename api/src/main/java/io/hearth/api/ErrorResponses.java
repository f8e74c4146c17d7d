package io.hearth.api;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.util.Map;

/**
 * The single mapper from a refusal to its HTTP answer, shaped as Lambda answers: status from the
 * {@link ErrorCode}, headers {@code x-amzn-ErrorType} and {@code x-amzn-RequestId}, and a body
 * {@code {"Type":"User","message":…,"Message":…}} plus the exception's extra fields (e.g.
 * {@code Reason}). An extra {@code Retry-After} becomes the {@code Retry-After} header, as on
 * Lambda's TooManyRequestsException, not a body field. Errors of status 500 and above say
 * {@code "Type":"Service"}: the fault is ours, not the caller's.
 */
final class ErrorResponses {
    static final String ERROR_TYPE = "x-amzn-ErrorType";
    static final String RETRY_AFTER = "Retry-After";

    private ErrorResponses() {}

    /** Writes {@code e} as Lambda does; the caller has reset any headers the operation had set. */
    static void write(Exchange ex, HearthException e) {
        ErrorCode code = e.code();
        String message = e.getMessage() == null ? code.type() : e.getMessage();
        Map<String, String> extra = e.extra();
        ex.header(ERROR_TYPE, code.type());
        String retryAfter = extra.get(RETRY_AFTER);
        if (retryAfter != null) ex.header(RETRY_AFTER, retryAfter);
        ex.json(code.status(), body(code.status(), message, extra));
    }

    /** The JSON error body for {@code status}; extra fields other than Retry-After are added. */
    static byte[] body(int status, String message, Map<String, String> extra) {
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeStringField("Type", status >= 500 ? "Service" : "User");
            g.writeStringField("message", message);
            g.writeStringField("Message", message);
            for (var field : extra.entrySet()) {
                if (!field.getKey().equals(RETRY_AFTER)) g.writeStringField(field.getKey(), field.getValue());
            }
            g.writeEndObject();
        });
    }

    /** The Lambda error type closest to an HTTP status Jetty answered on its own. */
    static ErrorCode codeForStatus(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND_ROUTE;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.REQUEST_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.TOO_MANY_REQUESTS;
            default -> status >= 500 ? ErrorCode.SERVICE : ErrorCode.INVALID_REQUEST_CONTENT;
        };
    }

    /** The answer to a failure we did not expect: a 500 that says nothing about its cause. */
    static HearthException unexpected(String requestId) {
        return new HearthException(ErrorCode.SERVICE,
                "An internal error occurred while processing request " + requestId);
    }
}
