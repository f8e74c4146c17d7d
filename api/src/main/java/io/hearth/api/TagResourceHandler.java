package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.Arns;
import io.hearth.model.ControlCommand;
import io.hearth.model.HearthException;
import java.util.Map;

/** {@code POST /2017-03-31/tags/{arn}} with {@code {"Tags":{…}}} → 204. */
final class TagResourceHandler implements Operation {
    private final ControlPlane control;
    private final Arns arns;

    TagResourceHandler(ControlPlane control, Arns arns) {
        this.control = control;
        this.arns = arns;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        String arn = ex.path("arn");
        arns.functionNameOf(arn);
        var body = JsonCodec.readObject(ex.body(RequestBody.SMALL_JSON_LIMIT, "TagResource"));
        Map<String, String> tags = JsonFields.stringMap(body, "Tags");
        if (tags == null) {
            throw HearthException.invalid("1 validation error detected: Value null at 'tags' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        for (String key : tags.keySet()) {
            if (key.isEmpty() || key.length() > 128) {
                throw HearthException.invalid("1 validation error detected: Value '" + key + "' at 'tags' failed to "
                        + "satisfy constraint: Map keys must have length between 1 and 128");
            }
        }
        control.tag(new ControlCommand.TagResource(arn, tags));
        ex.empty(204);
    }
}
