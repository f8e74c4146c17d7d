package io.hearth.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.engine.IdempotencyAdmin;
import io.hearth.model.DependencyState;
import io.hearth.model.FunctionNames;
import io.hearth.model.IdempotencyRecord;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /hearth/v1/functions/{name}/idempotency/records?limit=N} → {@code {"records":[{
 * "recordKey","requestId","executedVersion","errorType","createdAt","expiresAt","dependencies":[{
 * "uri","token"}]}]}}, newest first; limit 1–1000, default 50. The stored answers themselves are
 * not listed. An unknown function → 404.
 */
final class ListIdempotencyRecordsHandler implements Operation {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final IdempotencyAdmin idempotency;

    ListIdempotencyRecordsHandler(IdempotencyAdmin idempotency) {
        this.idempotency = idempotency;
    }

    @Override
    public void handle(Exchange ex) {
        String name = FunctionNames.requireValid(ex.path("name"));
        int limit = LimitParam.parse(ex.query("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        List<IdempotencyRecord> records = idempotency.records(name, limit);
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("records");
            for (IdempotencyRecord r : records) {
                write(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private static void write(JsonGenerator g, IdempotencyRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("recordKey", r.recordKey());
        g.writeStringField("requestId", r.requestId());
        g.writeStringField("executedVersion", r.executedVersion());
        g.writeStringField("errorType", r.errorType());
        g.writeStringField("createdAt", r.createdAt().toString());
        g.writeStringField("expiresAt", r.expiresAt().toString());
        g.writeArrayFieldStart("dependencies");
        for (DependencyState d : r.dependencies()) {
            g.writeStartObject();
            g.writeStringField("uri", d.uri());
            g.writeStringField("token", d.token());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
