package io.hearth.sandbox;

import java.util.concurrent.atomic.AtomicReference;

/** Owns one sandbox's state; moves only along {@link SandboxState}'s table, atomically. */
final class SandboxLifecycle {
    private final String sandboxId;
    private final AtomicReference<SandboxState> state;

    SandboxLifecycle(String sandboxId, SandboxState initial) {
        this.sandboxId = sandboxId;
        this.state = new AtomicReference<>(initial);
    }

    SandboxState current() {
        return state.get();
    }

    /** Moves {@code from → to}; throws if the sandbox is not in {@code from} or the move is illegal. */
    void move(SandboxState from, SandboxState to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("sandbox " + sandboxId + ": illegal transition " + from + " → " + to);
        }
        if (!state.compareAndSet(from, to)) {
            throw new IllegalStateException("sandbox " + sandboxId + ": expected " + from + " to move to " + to
                    + " but it is " + state.get());
        }
    }

    /** Moves to {@code to} from whatever legal state it is in; false if that move is not allowed now. */
    boolean tryMove(SandboxState to) {
        while (true) {
            SandboxState s = state.get();
            if (!s.canMoveTo(to)) return false;
            if (state.compareAndSet(s, to)) return true;
        }
    }
}
