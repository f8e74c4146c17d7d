package io.hearth.runtime.java;

/** The Runtime API failed or broke its contract: a platform fault, after which the runtime exits. */
final class RuntimeApiException extends RuntimeException {
    RuntimeApiException(String message) {
        super(message);
    }

    RuntimeApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
