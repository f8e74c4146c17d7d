package io.hearth.api;

import io.hearth.engine.LogQuery;
import io.hearth.model.LogEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory LogQuery: logs are added by the test and read back newest first. */
final class FakeLogQuery implements LogQuery {
    private final List<LogEntry> entries = new CopyOnWriteArrayList<>();

    void add(LogEntry e) {
        entries.add(e);
    }

    void reset() {
        entries.clear();
    }

    @Override
    public List<LogEntry> recent(String functionName, int limit) {
        return entries.stream()
                .filter(e -> e.functionName().equals(functionName))
                .sorted(Comparator.comparing(LogEntry::startedAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<LogEntry> byRequest(String functionName, String requestId) {
        return entries.stream()
                .filter(e -> e.functionName().equals(functionName) && e.requestId().equals(requestId))
                .findFirst();
    }
}
