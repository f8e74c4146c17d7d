package io.hearth.sandbox;

import io.hearth.model.Outcome;

/**
 * One invocation's run in a sandbox: its outcome, what the runtime printed meanwhile, how long it
 * took, the runtime's init time when this run was its cold start (else -1), and the sandbox's peak
 * memory so far.
 */
public record RunResult(Outcome outcome, String output, long durationNanos, long initNanos, int maxMemoryMb) {
    public boolean coldStart() {
        return initNanos >= 0;
    }
}
