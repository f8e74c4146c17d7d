package io.hearth.api;

import io.hearth.engine.ControlPlane;

/**
 * {@code PUT /2019-09-30/functions/{name}/provisioned-concurrency?Qualifier=} with
 * {@code ProvisionedConcurrentExecutions} → 202 with the configuration, normally IN_PROGRESS: the engine starts
 * the sandboxes in the background and Get shows READY once they are initialised.
 */
final class PutProvisionedConcurrencyConfigHandler implements Operation {
    private final ControlPlane control;

    PutProvisionedConcurrencyConfigHandler(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        ProvisionedTarget target = ProvisionedTarget.of(ex);
        int requested = ProvisionedConcurrencyJson.read(
                JsonCodec.readObject(ex.body(RequestBody.SMALL_JSON_LIMIT, "PutProvisionedConcurrencyConfig")));
        ex.json(202, ProvisionedConcurrencyJson.toJson(
                control.putProvisionedConcurrency(target.functionName(), target.qualifier(), requested)));
    }
}
