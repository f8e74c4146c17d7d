package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.Arns;
import io.hearth.engine.EngineMetrics;
import io.hearth.engine.IdempotencyAdmin;
import io.hearth.engine.KvAdmin;
import io.hearth.engine.LogQuery;
import java.util.function.BooleanSupplier;

/**
 * Hearth's own surface: the health check and {@code /hearth/v1} (logs, code downloads, the
 * key-value store, idempotency records and decisions).
 */
final class HearthRoutes {
    private HearthRoutes() {}

    static RouteTable create(ControlPlane control, Arns arns, LogQuery logs, BooleanSupplier ready, KvAdmin kv,
                             IdempotencyAdmin idempotency, EngineMetrics metrics) {
        return RouteTable.builder()
                .add("GET", "/health", new HealthHandler(ready))
                .add("GET", "/hearth/v1/metrics", new MetricsHandler(metrics))
                .add("GET", "/hearth/v1/functions/{name}/logs", new ListLogsHandler(logs))
                .add("GET", "/hearth/v1/functions/{name}/logs/{requestId}", new GetLogHandler(logs))
                .add("GET", "/hearth/v1/code/{sha256}", new GetCodeHandler(control))
                .add("GET", "/hearth/v1/kv/{namespace}/{key}", new GetKeyHandler(kv))
                .add("PUT", "/hearth/v1/kv/{namespace}/{key}", new PutKeyHandler(kv))
                .add("DELETE", "/hearth/v1/kv/{namespace}/{key}", new DeleteKeyHandler(kv))
                .add("GET", "/hearth/v1/kv/{namespace}", new ListKeysHandler(kv))
                .add("GET", "/hearth/v1/functions/{name}/idempotency", IdempotencySettingsHandler.get(control, arns))
                .add("PUT", "/hearth/v1/functions/{name}/idempotency", IdempotencySettingsHandler.put(control, arns))
                .add("GET", "/hearth/v1/functions/{name}/idempotency/records",
                        new ListIdempotencyRecordsHandler(idempotency))
                .add("DELETE", "/hearth/v1/functions/{name}/idempotency/records",
                        new PurgeIdempotencyRecordsHandler(idempotency))
                .add("GET", "/hearth/v1/functions/{name}/idempotency/decisions/{requestId}",
                        new GetIdempotencyDecisionHandler(idempotency))
                .build();
    }

    /** True when the path's first segment belongs to this surface. */
    static boolean owns(String[] segments) {
        String first = segments[0];
        return first.equals("hearth") || first.equals("health");
    }
}
