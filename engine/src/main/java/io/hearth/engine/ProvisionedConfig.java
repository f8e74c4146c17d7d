package io.hearth.engine;

import java.time.Instant;

/**
 * A provisioned-concurrency configuration as the API shows it (PutProvisionedConcurrencyConfig and the other
 * three operations): what was requested for a published version or alias, how many execution environments are
 * initialised and kept warm for it now, and where allocation stands.
 *
 * @param qualifier    the version number or alias name the configuration was put on
 * @param requested    RequestedProvisionedConcurrentExecutions (at least 1)
 * @param allocated    AllocatedProvisionedConcurrentExecutions: sandboxes initialised and held for it
 * @param available    AvailableProvisionedConcurrentExecutions: of those, the ones alive to serve now
 * @param statusReason why allocation failed; null unless {@link Status#FAILED}
 */
public record ProvisionedConfig(String functionName, String qualifier, int requested, int allocated, int available,
                                Status status, String statusReason, Instant lastModified) {

    /** Lambda's {@code ProvisionedConcurrencyStatusEnum}. */
    public enum Status { IN_PROGRESS, READY, FAILED }
}
