package io.hearth.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.model.LogEntry;
import java.io.IOException;

/** Writes one invocation log for the Hearth API: requestId, version, startedAt (ISO-8601, UTC) and text. */
final class LogEntryJson {
    private LogEntryJson() {}

    static void write(JsonGenerator g, LogEntry e) throws IOException {
        g.writeStartObject();
        g.writeStringField("requestId", e.requestId());
        g.writeStringField("version", e.version());
        g.writeStringField("startedAt", e.startedAt().toString());
        g.writeStringField("text", e.text());
        g.writeEndObject();
    }
}
