package io.hearth.engine;

import io.hearth.model.FunctionVersion;

/**
 * What the control plane tells the sandbox side when {@code $LATEST} moves to a new snapshot. The
 * three calls bracket the registry update, so the sandbox side is ready before the first request
 * can resolve to the new snapshot.
 */
interface SnapshotSwitch {
    /** Before {@code next} becomes current (it may still not: then {@link #abandoned} follows). */
    void preparing(FunctionVersion old, FunctionVersion next);

    /** {@code next} is current. */
    void committed(FunctionVersion old, FunctionVersion next);

    /** {@code next} did not become current. */
    void abandoned(FunctionVersion old, FunctionVersion next);
}
