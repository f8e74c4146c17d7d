package io.hearth.api;

import io.hearth.engine.ControlPlane;

/**
 * {@code DELETE /2019-09-30/functions/{name}/provisioned-concurrency?Qualifier=} → 204; the configuration's
 * sandboxes stop. ResourceNotFoundException when the version or alias has none.
 */
final class DeleteProvisionedConcurrencyConfigHandler implements Operation {
    private final ControlPlane control;

    DeleteProvisionedConcurrencyConfigHandler(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void handle(Exchange ex) {
        ProvisionedTarget target = ProvisionedTarget.of(ex);
        control.deleteProvisionedConcurrency(target.functionName(), target.qualifier());
        ex.empty(204);
    }
}
