package io.hearth.api;

import io.hearth.engine.ControlPlane;

/**
 * {@code GET /2019-09-30/functions/{name}/concurrency} → 200 {@code {"ReservedConcurrentExecutions": N}},
 * or {@code {}} when the function has no reservation. The function name must be unqualified.
 */
final class GetFunctionConcurrencyHandler implements Operation {
    private final ControlPlane control;

    GetFunctionConcurrencyHandler(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void handle(Exchange ex) {
        String name = VersioningFields.functionName(ex.path("name"), "GetFunctionConcurrency");
        ex.json(200, ReservedConcurrencyJson.toJson(control.reservedConcurrency(name)));
    }
}
