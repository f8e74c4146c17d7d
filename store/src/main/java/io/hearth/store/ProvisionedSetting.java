package io.hearth.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One provisioned-concurrency configuration as stored: the function, the qualifier it was put on (a published
 * version number or an alias name, as the caller gave it), how many execution environments were requested and
 * when. What the engine has made of it (allocated, status) is not stored: it is rebuilt at start.
 *
 * @param requested at least 1
 */
public record ProvisionedSetting(String functionName, String qualifier, int requested, Instant lastModified) {
    public ProvisionedSetting {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(lastModified, "lastModified");
        if (requested < 1) throw new IllegalArgumentException("provisioned concurrency must be >= 1: " + requested);
    }
}
