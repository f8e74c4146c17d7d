package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.engine.ProvisionedConfig;
import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;

/**
 * {@code GET /2019-09-30/functions/{name}/provisioned-concurrency?Qualifier=} → 200 with the configuration, or
 * 404 ProvisionedConcurrencyConfigNotFoundException when the version or alias has none.
 */
final class GetProvisionedConcurrencyConfigHandler implements Operation {
    private final ControlPlane control;

    GetProvisionedConcurrencyConfigHandler(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void handle(Exchange ex) {
        ProvisionedTarget target = ProvisionedTarget.of(ex);
        ProvisionedConfig config = control.provisionedConcurrency(target.functionName(), target.qualifier())
                .orElseThrow(() -> new HearthException(ErrorCode.PROVISIONED_CONCURRENCY_CONFIG_NOT_FOUND,
                        "No Provisioned Concurrency Config found for this function"));
        ex.json(200, ProvisionedConcurrencyJson.toJson(config));
    }
}
