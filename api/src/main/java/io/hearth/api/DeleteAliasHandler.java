package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.ControlCommand;

/** {@code DELETE /2015-03-31/functions/{name}/aliases/{alias}} → 204. */
final class DeleteAliasHandler implements Operation {
    private final ControlPlane control;

    DeleteAliasHandler(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void handle(Exchange ex) {
        String function = VersioningFields.functionName(ex.path("name"), "DeleteAlias");
        String alias = VersioningFields.aliasName(ex.path("alias"));
        control.deleteAlias(new ControlCommand.DeleteAlias(function, alias));
        ex.empty(204);
    }
}
