package io.hearth.engine.idempotency;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The KV reads of idempotent runs in progress, by request id: each key read with the version it
 * had when read (the first read of a key wins). Only runs that {@link #begin} are tracked, so
 * other functions' reads cost a map lookup and nothing more.
 */
final class TrackedReads {
    private final ConcurrentHashMap<String, Map<String, Long>> runs = new ConcurrentHashMap<>();

    void begin(String requestId) {
        runs.put(requestId, new LinkedHashMap<>());
    }

    void record(String requestId, String uri, long version) {
        if (requestId == null) return;
        Map<String, Long> reads = runs.get(requestId);
        if (reads == null) return;
        synchronized (reads) {
            reads.putIfAbsent(uri, version);
        }
    }

    /** Stops tracking the run and returns its reads (uri → version seen). */
    Map<String, Long> end(String requestId) {
        Map<String, Long> reads = runs.remove(requestId);
        if (reads == null) return Map.of();
        synchronized (reads) {
            return Map.copyOf(reads);
        }
    }
}
