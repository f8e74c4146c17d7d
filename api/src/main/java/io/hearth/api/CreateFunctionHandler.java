package io.hearth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.engine.ControlPlane;
import io.hearth.model.ControlCommand;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionRef;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;
import java.util.Map;

/**
 * {@code POST /2015-03-31/functions} → 201 FunctionConfiguration. {@code Runtime} is required;
 * {@code Handler} is required except for the {@code provided*} runtimes, where Lambda lets it be
 * omitted and Hearth stores {@code bootstrap} (the executable such a runtime starts; the value is
 * only passed on as {@code _HANDLER}). {@code Role} is stored as given (absent is allowed) and echoed back.
 * With {@code Publish: true} the answer is the version published with the function ({@code Version}
 * {@code "1"}, {@code FunctionArn} qualified with it).
 */
final class CreateFunctionHandler implements Operation {
    /** Lambda's limit on a CreateFunction request (a base64 ZipFile of a 50 MB zip plus JSON). */
    static final int MAX_BODY = 70_167_211;
    static final String PROVIDED_DEFAULT_HANDLER = "bootstrap";

    private final ControlPlane control;
    private final FunctionConfigurationJson configs;

    CreateFunctionHandler(ControlPlane control, FunctionConfigurationJson configs) {
        this.control = control;
        this.configs = configs;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        ObjectNode body = JsonCodec.readObject(ex.body(MAX_BODY, "CreateFunction"));
        String rawName = JsonFields.string(body, "FunctionName");
        if (rawName == null) {
            throw HearthException.invalid("1 validation error detected: Value null at 'functionName' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        FunctionRef ref = FunctionRef.parse(rawName, null);
        if (ref.qualifier().isPresent()) {
            throw HearthException.invalid("A function name given to CreateFunction cannot carry a qualifier: " + rawName);
        }
        FunctionFields.refuseUnsupported(body);
        Runtime runtime = FunctionFields.runtime(body);
        String handler = JsonFields.string(body, "Handler");
        if (handler == null && runtime != null && runtime.family() == Runtime.Family.PROVIDED) {
            handler = PROVIDED_DEFAULT_HANDLER;
        }
        if (runtime == null || handler == null) {
            throw HearthException.invalid(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        Integer timeout = JsonFields.integer(body, "Timeout");
        Integer memory = JsonFields.integer(body, "MemorySize");
        FunctionConfig config = new FunctionConfig(runtime, handler,
                timeout == null ? FunctionConfig.DEFAULT_TIMEOUT : timeout,
                memory == null ? FunctionConfig.DEFAULT_MEMORY : memory,
                FunctionFields.environment(body),
                JsonFields.string(body, "Description"), JsonFields.string(body, "Role"));
        byte[] zip = FunctionFields.zip(JsonFields.object(body, "Code"));
        Map<String, String> tags = JsonFields.stringMap(body, "Tags");
        var cmd = new ControlCommand.CreateFunction(ref.name(), config, zip, tags == null ? Map.of() : tags,
                JsonFields.bool(body, "Publish"));
        FunctionVersion shown = control.create(cmd);
        ex.json(201, configs.toJson(shown, FunctionConfigurationJson.ownQualifier(shown)));
    }
}
