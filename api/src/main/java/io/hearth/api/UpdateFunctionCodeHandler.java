package io.hearth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.engine.ControlPlane;
import io.hearth.model.ControlCommand;
import io.hearth.model.FunctionRef;
import io.hearth.model.FunctionVersion;

/**
 * {@code PUT /2015-03-31/functions/{name}/code} with {@code ZipFile} (base64), {@code Publish},
 * {@code RevisionId} and {@code DryRun} → 200 FunctionConfiguration. Any other code source is
 * InvalidParameterValueException: Hearth takes only ZipFile. With {@code Publish: true} the answer
 * is the version published from the new code, its {@code FunctionArn} qualified with its number.
 */
final class UpdateFunctionCodeHandler implements Operation {
    private final ControlPlane control;
    private final FunctionConfigurationJson configs;

    UpdateFunctionCodeHandler(ControlPlane control, FunctionConfigurationJson configs) {
        this.control = control;
        this.configs = configs;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        FunctionRef ref = FunctionRef.parse(ex.path("name"), ex.query("Qualifier"));
        ObjectNode body = JsonCodec.readObject(ex.body(CreateFunctionHandler.MAX_BODY, "UpdateFunctionCode"));
        FunctionFields.refuseUnsupported(body);
        byte[] zip = FunctionFields.zip(body);
        var cmd = new ControlCommand.UpdateFunctionCode(ref, zip, JsonFields.string(body, "RevisionId"),
                JsonFields.bool(body, "Publish"), JsonFields.bool(body, "DryRun"));
        FunctionVersion shown = control.updateCode(cmd);
        ex.json(200, configs.toJson(shown, FunctionConfigurationJson.ownQualifier(shown)));
    }
}
