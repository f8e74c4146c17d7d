package io.hearth.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A function alias: a name pointing at a version, optionally routing a share of invocations to
 * one additional version ({@code additionalVersionWeights}: version → weight in [0, 1]).
 * Construction validates everything Lambda validates and throws InvalidParameterValueException.
 */
public record AliasRecord(String functionName, String name, String functionVersion, String description,
                          Map<String, Double> additionalVersionWeights, String revisionId) {
    private static final Pattern NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9_-]{1,128})");
    private static final Pattern VERSION = Pattern.compile("\\$LATEST|[0-9]{1,10}");

    public AliasRecord {
        FunctionNames.requireValid(functionName);
        if (name == null || !NAME.matcher(name).matches()) {
            throw HearthException.invalid("1 validation error detected: Value '" + name + "' at 'name' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
        if (functionVersion == null || !VERSION.matcher(functionVersion).matches()) {
            throw HearthException.invalid("1 validation error detected: Value '" + functionVersion
                    + "' at 'functionVersion' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: (\\$LATEST|[0-9]+)");
        }
        description = description == null ? "" : description;
        if (description.length() > 256) {
            throw HearthException.invalid("Value at 'description' failed to satisfy constraint: Member must have "
                    + "length less than or equal to 256");
        }
        additionalVersionWeights = additionalVersionWeights == null ? Map.of()
                : Map.copyOf(new TreeMap<>(additionalVersionWeights));
        if (additionalVersionWeights.size() > 1) {
            throw HearthException.invalid("Number of items in AdditionalVersionWeights must be less than or equal "
                    + "to 1.");
        }
        for (var e : additionalVersionWeights.entrySet()) {
            if (!e.getKey().matches("[0-9]{1,10}")) {
                throw HearthException.invalid("Invalid function version " + e.getKey()
                        + ". Function version must be a published version number.");
            }
            if (e.getKey().equals(functionVersion)) {
                throw HearthException.invalid("Alias routing config cannot point to the alias's own function version "
                        + functionVersion + ".");
            }
            Double w = e.getValue();
            if (w == null || w.isNaN() || w < 0.0 || w > 1.0) {
                throw HearthException.invalid("Value " + w + " for additional version weight of version " + e.getKey()
                        + " is out of range [0.0, 1.0].");
            }
        }
        if (!additionalVersionWeights.isEmpty() && functionVersion.equals(FunctionVersion.LATEST)) {
            throw HearthException.invalid("$LATEST is not supported for an alias pointing to more than 1 version");
        }
        Objects.requireNonNull(revisionId, "revisionId");
    }
}
