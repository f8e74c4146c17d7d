package io.hearth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.engine.ControlPlane;
import io.hearth.model.ControlCommand;

/**
 * {@code PUT /2015-03-31/functions/{name}/aliases/{alias}} with {@code FunctionVersion},
 * {@code Description}, {@code RoutingConfig} and {@code RevisionId} → 200 AliasConfiguration.
 * Absent fields keep their value; a {@code RoutingConfig} without weights clears the routing; a
 * stale RevisionId is the engine's PreconditionFailedException.
 */
final class UpdateAliasHandler implements Operation {
    private final ControlPlane control;
    private final AliasConfigurationJson aliases;

    UpdateAliasHandler(ControlPlane control, AliasConfigurationJson aliases) {
        this.control = control;
        this.aliases = aliases;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        String function = VersioningFields.functionName(ex.path("name"), "UpdateAlias");
        String alias = VersioningFields.aliasName(ex.path("alias"));
        ObjectNode body = JsonCodec.readObject(ex.body(RequestBody.SMALL_JSON_LIMIT, "UpdateAlias"));
        var cmd = new ControlCommand.UpdateAlias(function, alias,
                VersioningFields.functionVersion(JsonFields.string(body, "FunctionVersion"), "functionVersion"),
                VersioningFields.description(JsonFields.string(body, "Description")),
                VersioningFields.routing(body),
                JsonFields.string(body, "RevisionId"));
        ex.json(200, aliases.toJson(control.updateAlias(cmd)));
    }
}
