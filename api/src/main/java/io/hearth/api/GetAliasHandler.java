package io.hearth.api;

import io.hearth.engine.ControlPlane;

/** {@code GET /2015-03-31/functions/{name}/aliases/{alias}} → 200 AliasConfiguration. */
final class GetAliasHandler implements Operation {
    private final ControlPlane control;
    private final AliasConfigurationJson aliases;

    GetAliasHandler(ControlPlane control, AliasConfigurationJson aliases) {
        this.control = control;
        this.aliases = aliases;
    }

    @Override
    public void handle(Exchange ex) {
        String function = VersioningFields.functionName(ex.path("name"), "GetAlias");
        String alias = VersioningFields.aliasName(ex.path("alias"));
        ex.json(200, aliases.toJson(control.getAlias(function, alias)));
    }
}
