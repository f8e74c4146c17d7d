package io.hearth.engine;

import io.hearth.model.LogEntry;
import io.hearth.store.AsyncLogWriter;
import io.hearth.store.LogStore;
import java.util.List;
import java.util.Optional;

/** Log reads; pending batched writes are flushed first so a log is readable once its invoke answered. */
final class StoredLogs implements LogQuery {
    private final LogStore store;
    private final AsyncLogWriter writer;

    StoredLogs(LogStore store, AsyncLogWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    @Override
    public List<LogEntry> recent(String functionName, int limit) {
        writer.flush();
        return store.byFunction(functionName, limit);
    }

    @Override
    public Optional<LogEntry> byRequest(String functionName, String requestId) {
        writer.flush();
        return store.byRequest(requestId).filter(e -> e.functionName().equals(functionName));
    }
}
