package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.Arns;
import io.hearth.model.ControlCommand;
import io.hearth.model.HearthException;
import java.util.List;

/** {@code DELETE /2017-03-31/tags/{arn}?tagKeys=a&tagKeys=b} → 204. */
final class UntagResourceHandler implements Operation {
    private final ControlPlane control;
    private final Arns arns;

    UntagResourceHandler(ControlPlane control, Arns arns) {
        this.control = control;
        this.arns = arns;
    }

    @Override
    public void handle(Exchange ex) {
        String arn = ex.path("arn");
        arns.functionNameOf(arn);
        List<String> keys = ex.queryAll("tagKeys");
        if (keys.isEmpty()) {
            throw HearthException.invalid("1 validation error detected: Value null at 'tagKeys' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        control.untag(new ControlCommand.UntagResource(arn, keys));
        ex.empty(204);
    }
}
