package io.hearth.api;

import io.hearth.model.FunctionRef;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;

/**
 * What a Put/Get/DeleteProvisionedConcurrencyConfig request addresses, checked at the edge: a function name (any
 * FunctionName form) and its qualifier, from the {@code Qualifier} query parameter or the name itself. The
 * qualifier is required and cannot be {@code $LATEST} (provisioned concurrency is only for published versions and
 * aliases); both are InvalidParameterValueException. Whether the version or alias exists is the engine's to say.
 */
record ProvisionedTarget(String functionName, String qualifier) {

    static ProvisionedTarget of(Exchange ex) {
        FunctionRef ref = FunctionRef.parse(ex.path("name"), ex.query("Qualifier"));
        String qualifier = ref.qualifier().orElseThrow(() -> VersioningFields.missing("qualifier"));
        if (qualifier.equals(FunctionVersion.LATEST)) {
            throw HearthException.invalid("Provisioned Concurrency Configs cannot be applied to unpublished function "
                    + "versions.");
        }
        return new ProvisionedTarget(ref.name(), qualifier);
    }
}
