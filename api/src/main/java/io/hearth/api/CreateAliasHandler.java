package io.hearth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.engine.ControlPlane;
import io.hearth.model.ControlCommand;
import java.util.Map;

/**
 * {@code POST /2015-03-31/functions/{name}/aliases} with {@code Name}, {@code FunctionVersion}
 * (both required), {@code Description} and {@code RoutingConfig} → 201 AliasConfiguration.
 */
final class CreateAliasHandler implements Operation {
    private final ControlPlane control;
    private final AliasConfigurationJson aliases;

    CreateAliasHandler(ControlPlane control, AliasConfigurationJson aliases) {
        this.control = control;
        this.aliases = aliases;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        String function = VersioningFields.functionName(ex.path("name"), "CreateAlias");
        ObjectNode body = JsonCodec.readObject(ex.body(RequestBody.SMALL_JSON_LIMIT, "CreateAlias"));
        String alias = VersioningFields.aliasName(JsonFields.string(body, "Name"));
        String version = VersioningFields.functionVersion(JsonFields.string(body, "FunctionVersion"),
                "functionVersion");
        if (version == null) throw VersioningFields.missing("functionVersion");
        String description = VersioningFields.description(JsonFields.string(body, "Description"));
        Map<String, Double> weights = VersioningFields.routing(body);
        var cmd = new ControlCommand.CreateAlias(function, alias, version, description,
                weights == null ? Map.of() : weights);
        ex.json(201, aliases.toJson(control.createAlias(cmd)));
    }
}
