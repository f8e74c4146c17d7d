package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.FunctionRef;

/**
 * {@code GET /2015-03-31/functions/{name}/configuration?Qualifier=} → the FunctionConfiguration of
 * the version the reference names ({@code $LATEST}, a published version, or an alias's version);
 * {@code FunctionArn} carries the qualifier as the caller gave it.
 */
final class GetFunctionConfigurationHandler implements Operation {
    private final ControlPlane control;
    private final FunctionConfigurationJson configs;

    GetFunctionConfigurationHandler(ControlPlane control, FunctionConfigurationJson configs) {
        this.control = control;
        this.configs = configs;
    }

    @Override
    public void handle(Exchange ex) {
        FunctionRef ref = FunctionRef.parse(ex.path("name"), ex.query("Qualifier"));
        ex.json(200, configs.toJson(control.getVersion(ref), ref.qualifier().orElse(null)));
    }
}
