package io.hearth.sandbox;

import io.hearth.model.PlatformErrorType;

/** A runtime process could not be started (missing or non-executable bootstrap, no interpreter). */
public final class SandboxStartException extends RuntimeException {
    private final PlatformErrorType type;

    public SandboxStartException(PlatformErrorType type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public PlatformErrorType type() {
        return type;
    }
}
