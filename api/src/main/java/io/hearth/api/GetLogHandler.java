package io.hearth.api;

import io.hearth.engine.LogQuery;
import io.hearth.model.FunctionNames;
import io.hearth.model.HearthException;
import io.hearth.model.LogEntry;

/** {@code GET /hearth/v1/functions/{name}/logs/{requestId}} → one log, or 404 ResourceNotFoundException. */
final class GetLogHandler implements Operation {
    private final LogQuery logs;

    GetLogHandler(LogQuery logs) {
        this.logs = logs;
    }

    @Override
    public void handle(Exchange ex) {
        String name = FunctionNames.requireValid(ex.path("name"));
        String requestId = ex.path("requestId");
        LogEntry entry = logs.byRequest(name, requestId).orElseThrow(() -> HearthException.notFound(
                "No log of request " + requestId + " for function " + name));
        ex.json(200, JsonCodec.write(g -> LogEntryJson.write(g, entry)));
    }
}
