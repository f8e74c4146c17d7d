package io.hearth.model;

/**
 * The answer to a synchronous invoke: the outcome, which version ran, (when the caller asked for
 * {@code Tail}) the last 4 KB of this invocation's log, else null, and — when the answer is a
 * replay of an earlier run of an idempotent function rather than a run — that run's request id,
 * else null.
 */
public record InvokeResult(String requestId, String executedVersion, Outcome outcome, String logTail,
                           String replayOf) {

    public InvokeResult(String requestId, String executedVersion, Outcome outcome, String logTail) {
        this(requestId, executedVersion, outcome, logTail, null);
    }

    public boolean replayed() {
        return replayOf != null;
    }
}
