package io.hearth.api;

import io.hearth.engine.LogQuery;
import io.hearth.model.FunctionNames;
import io.hearth.model.LogEntry;
import java.util.List;

/**
 * {@code GET /hearth/v1/functions/{name}/logs?limit=N} → {@code {"logs":[…]}}, newest first;
 * limit defaults to 20 and must be 1–1000.
 */
final class ListLogsHandler implements Operation {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private final LogQuery logs;

    ListLogsHandler(LogQuery logs) {
        this.logs = logs;
    }

    @Override
    public void handle(Exchange ex) {
        String name = FunctionNames.requireValid(ex.path("name"));
        List<LogEntry> entries = logs.recent(name, LimitParam.parse(ex.query("limit"), DEFAULT_LIMIT, MAX_LIMIT));
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("logs");
            for (LogEntry e : entries) {
                LogEntryJson.write(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }
}
