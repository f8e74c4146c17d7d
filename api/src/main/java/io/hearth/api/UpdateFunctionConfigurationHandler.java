package io.hearth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.engine.ControlPlane;
import io.hearth.model.ConfigPatch;
import io.hearth.model.ControlCommand;
import io.hearth.model.FunctionRef;
import java.util.Optional;

/**
 * {@code PUT /2015-03-31/functions/{name}/configuration} → 200 FunctionConfiguration. Absent
 * fields keep their value; {@code Environment} without {@code Variables} clears the variables.
 * The merged configuration is validated by the model when the engine applies the patch.
 */
final class UpdateFunctionConfigurationHandler implements Operation {
    private final ControlPlane control;
    private final FunctionConfigurationJson configs;

    UpdateFunctionConfigurationHandler(ControlPlane control, FunctionConfigurationJson configs) {
        this.control = control;
        this.configs = configs;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        FunctionRef ref = FunctionRef.parse(ex.path("name"), ex.query("Qualifier"));
        ObjectNode body = JsonCodec.readObject(ex.body(RequestBody.SMALL_JSON_LIMIT, "UpdateFunctionConfiguration"));
        FunctionFields.refuseUnsupported(body);
        ConfigPatch patch = new ConfigPatch(
                Optional.ofNullable(FunctionFields.runtime(body)),
                Optional.ofNullable(JsonFields.string(body, "Handler")),
                Optional.ofNullable(JsonFields.integer(body, "Timeout")),
                Optional.ofNullable(JsonFields.integer(body, "MemorySize")),
                Optional.ofNullable(FunctionFields.environment(body)),
                Optional.ofNullable(JsonFields.string(body, "Description")),
                Optional.ofNullable(JsonFields.string(body, "Role")));
        var cmd = new ControlCommand.UpdateFunctionConfiguration(ref, patch, JsonFields.string(body, "RevisionId"));
        ex.json(200, configs.toJson(control.updateConfiguration(cmd), null));
    }
}
