package io.hearth.api;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** {@code GET /health} → 200 {@code {"status":"ok"}} when the server is ready, else 503 {@code {"status":"unavailable"}}. */
final class HealthHandler implements Operation {
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNAVAILABLE = "{\"status\":\"unavailable\"}".getBytes(StandardCharsets.US_ASCII);

    private final BooleanSupplier ready;

    HealthHandler(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public void handle(Exchange ex) {
        if (ready.getAsBoolean()) {
            ex.json(200, OK);
        } else {
            ex.json(503, UNAVAILABLE);
        }
    }
}
