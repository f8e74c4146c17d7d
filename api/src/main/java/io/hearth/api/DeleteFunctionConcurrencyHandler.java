package io.hearth.api;

import io.hearth.engine.ControlPlane;

/**
 * {@code DELETE /2017-10-31/functions/{name}/concurrency} → 204, whether or not the function had a
 * reservation (the engine answers ResourceNotFound only for an unknown function). The function
 * name must be unqualified.
 */
final class DeleteFunctionConcurrencyHandler implements Operation {
    private final ControlPlane control;

    DeleteFunctionConcurrencyHandler(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void handle(Exchange ex) {
        String name = VersioningFields.functionName(ex.path("name"), "DeleteFunctionConcurrency");
        control.deleteReservedConcurrency(name);
        ex.empty(204);
    }
}
