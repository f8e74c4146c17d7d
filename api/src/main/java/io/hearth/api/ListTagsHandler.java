package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.Arns;
import java.util.Map;

/** {@code GET /2017-03-31/tags/{arn}} (the ARN percent-encoded in the path) → {@code {"Tags":{…}}}. */
final class ListTagsHandler implements Operation {
    private final ControlPlane control;
    private final Arns arns;

    ListTagsHandler(ControlPlane control, Arns arns) {
        this.control = control;
        this.arns = arns;
    }

    @Override
    public void handle(Exchange ex) {
        String arn = ex.path("arn");
        arns.functionNameOf(arn);
        Map<String, String> tags = control.listTags(arn);
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            FunctionConfigurationJson.writeStringMap(g, "Tags", tags);
            g.writeEndObject();
        }));
    }
}
