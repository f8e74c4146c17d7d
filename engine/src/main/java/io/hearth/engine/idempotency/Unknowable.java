package io.hearth.engine.idempotency;

/** A dependency whose current state cannot be established; the request must run. */
final class Unknowable extends Exception {
    Unknowable(String reason) {
        super(reason, null, false, false);
    }
}
