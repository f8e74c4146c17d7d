package io.hearth.api;

import io.hearth.engine.IdempotencyAdmin;
import io.hearth.model.FunctionNames;
import io.hearth.model.HearthException;
import io.hearth.model.IdempotencyDecision;

/**
 * {@code GET /hearth/v1/functions/{name}/idempotency/decisions/{requestId}} → why that request was
 * replayed or ran: {@code {"requestId","replayed","priorRequestId","reason","decidedAt"}}
 * ({@code priorRequestId} null when it ran). A request that was not idempotent, or is unknown → 404.
 */
final class GetIdempotencyDecisionHandler implements Operation {
    private final IdempotencyAdmin idempotency;

    GetIdempotencyDecisionHandler(IdempotencyAdmin idempotency) {
        this.idempotency = idempotency;
    }

    @Override
    public void handle(Exchange ex) {
        String name = FunctionNames.requireValid(ex.path("name"));
        String requestId = ex.path("requestId");
        IdempotencyDecision d = idempotency.why(name, requestId).orElseThrow(() -> HearthException.notFound(
                "No idempotency decision for request " + requestId + " of function " + name));
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeStringField("requestId", d.requestId());
            g.writeBooleanField("replayed", d.replayed());
            g.writeStringField("priorRequestId", d.priorRequestId());
            g.writeStringField("reason", d.reason());
            g.writeStringField("decidedAt", d.decidedAt() == null ? null : d.decidedAt().toString());
            g.writeEndObject();
        }));
    }
}
