package io.hearth.api;

import io.hearth.engine.IdempotencyAdmin;
import io.hearth.model.FunctionNames;

/**
 * {@code DELETE /hearth/v1/functions/{name}/idempotency/records} → {@code {"purged":N}}: every
 * record of the function is deleted, so its next requests run. An unknown function → 404.
 */
final class PurgeIdempotencyRecordsHandler implements Operation {
    private final IdempotencyAdmin idempotency;

    PurgeIdempotencyRecordsHandler(IdempotencyAdmin idempotency) {
        this.idempotency = idempotency;
    }

    @Override
    public void handle(Exchange ex) {
        String name = FunctionNames.requireValid(ex.path("name"));
        int purged = idempotency.purge(name);
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeNumberField("purged", purged);
            g.writeEndObject();
        }));
    }
}
