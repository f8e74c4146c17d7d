package io.hearth.engine;

import io.hearth.model.FunctionVersion;

/**
 * What the control plane tells the sandbox side when a name moves to other code: {@code $LATEST}
 * to a new snapshot, or an alias to other versions (or other weights). Each trio brackets the
 * registry update, so the sandbox side is ready before the first request can resolve to the new
 * code: {@code preparing} before the update, then {@code committed} or {@code abandoned}.
 */
interface SnapshotSwitch {
    /** Before {@code next} becomes current (it may still not: then {@link #abandoned} follows). */
    void preparing(FunctionVersion old, FunctionVersion next);

    /** {@code next} is current. */
    void committed(FunctionVersion old, FunctionVersion next);

    /** {@code next} did not become current. */
    void abandoned(FunctionVersion old, FunctionVersion next);

    /** Before the alias routes as {@code move.after()} (it may still not: then {@link #abandoned(AliasMove)}). */
    void preparing(AliasMove move);

    /** The alias routes as {@code move.after()}. */
    void committed(AliasMove move);

    /** The alias still routes as {@code move.before()}. */
    void abandoned(AliasMove move);
}
