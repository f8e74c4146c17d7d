package io.hearth.sandbox;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a sandbox. Every transition not listed here is refused.
 *
 * <pre>
 * STARTING ─► GENERIC ─► INITIALIZING ─► READY ⇄ BUSY
 *    │                        │            │       │
 *    └──────────► INITIALIZING (bound at launch)   │
 *  any ─► DRAINING ─► STOPPED ;  any ─► FAILED ─► STOPPED
 * </pre>
 *
 * GENERIC is a warming-pool sandbox with a runtime but no function; a sandbox launched for a
 * function goes straight from STARTING to INITIALIZING. INITIALIZING → BUSY is a cold start's
 * first invocation (delivered while the runtime initialises).
 */
public enum SandboxState {
    STARTING, GENERIC, INITIALIZING, READY, BUSY, DRAINING, STOPPED, FAILED;

    private Set<SandboxState> next() {
        return switch (this) {
            case STARTING -> EnumSet.of(GENERIC, INITIALIZING, DRAINING, FAILED);
            case GENERIC -> EnumSet.of(INITIALIZING, DRAINING, FAILED);
            case INITIALIZING -> EnumSet.of(READY, BUSY, DRAINING, FAILED);
            case READY -> EnumSet.of(BUSY, DRAINING, FAILED);
            case BUSY -> EnumSet.of(READY, DRAINING, FAILED);
            case DRAINING -> EnumSet.of(STOPPED, FAILED);
            case FAILED -> EnumSet.of(STOPPED);
            case STOPPED -> EnumSet.noneOf(SandboxState.class);
        };
    }

    public boolean canMoveTo(SandboxState target) {
        return next().contains(target);
    }

    public boolean isTerminal() {
        return this == STOPPED;
    }
}
