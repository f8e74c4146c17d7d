package io.hearth.engine.idempotency;

import io.hearth.model.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The log lines of replays, aggregated: at tens of thousands of replays a second one stored line
 * each would be most of the node's work, so the replays of one prior run are gathered and written
 * as one log entry per {@link #flush} (once a second): the first replay's request id, and how
 * many more followed until when.
 */
final class ReplayLog {
    private static final int MAX_KEYS = 10_000;

    private static final class Run {
        final String function;
        final String version;
        final String prior;
        final String firstRequestId;
        final Instant first;
        long count;
        Instant last;

        Run(String function, String version, String prior, String firstRequestId, Instant at) {
            this.function = function;
            this.version = version;
            this.prior = prior;
            this.firstRequestId = firstRequestId;
            this.first = at;
            this.last = at;
        }
    }

    private final ConcurrentHashMap<String, Run> pending = new ConcurrentHashMap<>();
    private final Consumer<LogEntry> logs;

    ReplayLog(Consumer<LogEntry> logs) {
        this.logs = logs;
    }

    void replayed(String function, String version, String prior, String requestId, Instant at) {
        if (pending.size() >= MAX_KEYS) flush();
        pending.compute(function + '\u0000' + prior, (k, run) -> {
            Run r = run != null ? run : new Run(function, version, prior, requestId, at);
            r.count++;
            r.last = at;
            return r;
        });
    }

    /** Writes one log entry per prior run replayed since the last flush. */
    void flush() {
        List<Run> runs = new ArrayList<>();
        for (String key : List.copyOf(pending.keySet())) {
            Run r = pending.remove(key);
            if (r != null) runs.add(r);
        }
        for (Run r : runs) {
            var text = new StringBuilder(160).append("REPLAY RequestId: ").append(r.firstRequestId).append(" Version: ")
                    .append(r.version).append(" Replayed: ").append(r.prior).append(" (idempotent; nothing ran)\n");
            if (r.count > 1) {
                text.append("REPLAY and ").append(r.count - 1).append(" more replays of ").append(r.prior)
                        .append(" until ").append(r.last).append('\n');
            }
            logs.accept(new LogEntry(r.firstRequestId, r.function, r.version, r.first, text.toString()));
        }
    }
}
