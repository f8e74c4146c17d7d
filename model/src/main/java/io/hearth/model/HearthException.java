package io.hearth.model;

import java.util.Map;

/**
 * A platform-side failure or a refused request, carrying its stable {@link ErrorCode}. User-code
 * failures are never exceptions: they are {@link Outcome.FunctionError}.
 */
public class HearthException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> extra;

    public HearthException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public HearthException(ErrorCode code, String message, Map<String, String> extra, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.extra = Map.copyOf(extra);
    }

    public ErrorCode code() { return code; }

    /** Additional body fields (e.g. {@code Reason} for throttling, {@code retryAfterSeconds}). */
    public Map<String, String> extra() { return extra; }

    public static HearthException notFound(String message) {
        return new HearthException(ErrorCode.RESOURCE_NOT_FOUND, message);
    }

    public static HearthException invalid(String message) {
        return new HearthException(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    public static HearthException conflict(String message) {
        return new HearthException(ErrorCode.RESOURCE_CONFLICT, message);
    }

    public static HearthException throttled(String reason, String message, int retryAfterSeconds) {
        return new HearthException(ErrorCode.TOO_MANY_REQUESTS, message,
                Map.of("Reason", reason, "Retry-After", Integer.toString(retryAfterSeconds)), null);
    }
}
