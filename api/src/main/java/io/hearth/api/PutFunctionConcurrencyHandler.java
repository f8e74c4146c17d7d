package io.hearth.api;

import io.hearth.engine.ControlPlane;
import java.util.OptionalInt;

/**
 * {@code PUT /2017-10-31/functions/{name}/concurrency} with {@code ReservedConcurrentExecutions}
 * (required, a whole number ≥ 0; 0 throttles the function) → 200 with the reservation set. The
 * function name must be unqualified; the engine refuses a reservation the node cannot spare.
 */
final class PutFunctionConcurrencyHandler implements Operation {
    private final ControlPlane control;

    PutFunctionConcurrencyHandler(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        String name = VersioningFields.functionName(ex.path("name"), "PutFunctionConcurrency");
        int reserved = ReservedConcurrencyJson.read(
                JsonCodec.readObject(ex.body(RequestBody.SMALL_JSON_LIMIT, "PutFunctionConcurrency")));
        int set = control.putReservedConcurrency(name, reserved);
        ex.json(200, ReservedConcurrencyJson.toJson(OptionalInt.of(set)));
    }
}
