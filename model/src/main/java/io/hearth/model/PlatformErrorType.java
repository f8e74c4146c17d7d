package io.hearth.model;

/** Error types the platform reports on behalf of a function whose runtime could not. */
public enum PlatformErrorType {
    EXIT_ERROR("Runtime.ExitError"),
    OUT_OF_MEMORY("Runtime.OutOfMemory"),
    INVALID_ENTRYPOINT("Runtime.InvalidEntrypoint"),
    UNKNOWN("Runtime.Unknown"),
    RESPONSE_TOO_LARGE("Function.ResponseSizeTooLarge"),
    TIMEDOUT("Sandbox.Timedout");

    private final String type;

    PlatformErrorType(String type) {
        this.type = type;
    }

    public String type() { return type; }
}
