package io.hearth.model;

/**
 * What running user code produced. A user-code failure (handled or not, including timeouts and
 * crashes of the runtime) is an outcome, never an exception: the client sees status 200 with
 * {@code X-Amz-Function-Error}. Platform failures are {@link HearthException}s.
 */
public sealed interface Outcome {

    /** The runtime posted a response; {@code payload} is its body, verbatim. */
    record Success(byte[] payload) implements Outcome {}

    /**
     * The function failed. {@code payload} is the error JSON the client receives
     * ({@code errorMessage}, {@code errorType}, optional {@code stackTrace}); {@code errorType}
     * duplicates its type for logs and metrics. {@code sandboxLost} is true when the sandbox
     * could not be reused (timeout, crash, init failure).
     */
    record FunctionError(String errorType, byte[] payload, boolean sandboxLost) implements Outcome {}
}
