package io.hearth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.engine.ControlPlane;
import io.hearth.model.ControlCommand;
import io.hearth.model.FunctionVersion;

/**
 * {@code POST /2015-03-31/functions/{name}/versions} with optional {@code CodeSha256} and
 * {@code RevisionId} (preconditions the engine checks against {@code $LATEST}) and
 * {@code Description} → 201 FunctionConfiguration of the version ({@code Version} its number,
 * {@code FunctionArn} qualified with it). When {@code $LATEST} has not changed since the last
 * version, the engine answers with that version, as Lambda does.
 */
final class PublishVersionHandler implements Operation {
    private final ControlPlane control;
    private final FunctionConfigurationJson configs;

    PublishVersionHandler(ControlPlane control, FunctionConfigurationJson configs) {
        this.control = control;
        this.configs = configs;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        String name = VersioningFields.functionName(ex.path("name"), "PublishVersion");
        ObjectNode body = JsonCodec.readObject(ex.body(RequestBody.SMALL_JSON_LIMIT, "PublishVersion"));
        var cmd = new ControlCommand.PublishVersion(name, JsonFields.string(body, "CodeSha256"),
                VersioningFields.description(JsonFields.string(body, "Description")),
                JsonFields.string(body, "RevisionId"));
        FunctionVersion published = control.publishVersion(cmd);
        ex.json(201, configs.toJson(published, published.version()));
    }
}
