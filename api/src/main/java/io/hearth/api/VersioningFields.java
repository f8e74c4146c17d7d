package io.hearth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.model.FunctionRef;
import io.hearth.model.HearthException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Request fields the version and alias operations share, checked at the edge against Lambda's
 * constraints so a malformed request never reaches the engine: the unqualified function name, alias
 * names (never all digits), version labels, descriptions and {@code RoutingConfig} (at most one
 * additional version, a published number, weighted 0.0–1.0). What needs stored state (does the
 * version exist, does a weight point at the alias's own version) is the engine's to check; the
 * messages match {@link io.hearth.model.AliasRecord}'s, which checks the same rules again.
 */
final class VersioningFields {
    static final int MAX_DESCRIPTION = 256;
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}");
    private static final Pattern VERSION = Pattern.compile("\\$LATEST|[0-9]{1,10}");
    private static final Pattern PUBLISHED = Pattern.compile("[0-9]{1,10}");

    private VersioningFields() {}

    /** The name of the function a version or alias operation addresses: a name or ARN without qualifier. */
    static String functionName(String raw, String operation) {
        FunctionRef ref = FunctionRef.parse(raw, null);
        if (ref.qualifier().isPresent()) {
            throw HearthException.invalid("The function name given to " + operation
                    + " cannot carry a qualifier: " + raw);
        }
        return ref.name();
    }

    /** An alias name: 1–128 of {@code [a-zA-Z0-9-_]}, not all digits (that would read as a version). */
    static String aliasName(String raw) {
        if (raw == null) throw missing("name");
        if (!ALIAS.matcher(raw).matches()) {
            throw HearthException.invalid("1 validation error detected: Value '" + raw + "' at 'name' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"
                    + " and have length between 1 and 128");
        }
        return raw;
    }

    /** A version label ({@code $LATEST} or a number) given as {@code field}; null stays null. */
    static String functionVersion(String raw, String field) {
        if (raw != null && !VERSION.matcher(raw).matches()) {
            throw HearthException.invalid("1 validation error detected: Value '" + raw + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "(\\$LATEST|[0-9]+)");
        }
        return raw;
    }

    /** A version or alias description of at most 256 characters; null stays null. */
    static String description(String raw) {
        if (raw != null && raw.length() > MAX_DESCRIPTION) {
            throw HearthException.invalid("1 validation error detected: Value at 'description' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_DESCRIPTION);
        }
        return raw;
    }

    /**
     * {@code RoutingConfig.AdditionalVersionWeights}: null when RoutingConfig is absent (an update
     * keeps the routing), empty when it is given without weights (an update clears the routing).
     * Wrong JSON types are InvalidRequestContentException; bad values InvalidParameterValueException.
     */
    static Map<String, Double> routing(ObjectNode body) {
        ObjectNode config = JsonFields.object(body, "RoutingConfig");
        if (config == null) return null;
        Map<String, Double> weights = JsonFields.doubleMap(config, "AdditionalVersionWeights");
        if (weights == null) return Map.of();
        if (weights.size() > 1) {
            throw HearthException.invalid("Number of items in AdditionalVersionWeights must be less than or equal "
                    + "to 1.");
        }
        for (var e : weights.entrySet()) {
            if (!PUBLISHED.matcher(e.getKey()).matches()) {
                throw HearthException.invalid("Invalid function version " + e.getKey()
                        + ". Function version must be a published version number.");
            }
            double w = e.getValue();
            if (!(w >= 0.0 && w <= 1.0)) {
                throw HearthException.invalid("Value " + w + " for additional version weight of version " + e.getKey()
                        + " is out of range [0.0, 1.0].");
            }
        }
        return Map.copyOf(weights);
    }

    static HearthException missing(String field) {
        return HearthException.invalid("1 validation error detected: Value null at '" + field + "' failed to satisfy "
                + "constraint: Member must not be null");
    }
}
