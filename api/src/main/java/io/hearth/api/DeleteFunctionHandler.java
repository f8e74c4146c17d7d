package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.ControlCommand;
import io.hearth.model.FunctionRef;

/**
 * {@code DELETE /2015-03-31/functions/{name}?Qualifier=} → 204. Unqualified, the function goes
 * with all its versions and aliases; qualified with a version number, only that version. The
 * engine refuses {@code $LATEST}, aliases and versions an alias still points at.
 */
final class DeleteFunctionHandler implements Operation {
    private final ControlPlane control;

    DeleteFunctionHandler(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void handle(Exchange ex) {
        control.delete(new ControlCommand.DeleteFunction(FunctionRef.parse(ex.path("name"), ex.query("Qualifier"))));
        ex.empty(204);
    }
}
