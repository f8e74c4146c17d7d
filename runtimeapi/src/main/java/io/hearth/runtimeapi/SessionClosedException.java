package io.hearth.runtimeapi;

/** The session ended (sandbox stopped or crashed) before the runtime answered. */
public final class SessionClosedException extends RuntimeException {
    public SessionClosedException(String reason) {
        super(reason, null, false, false);
    }
}
