package io.hearth.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed {@code FunctionName} parameter: a bare name, {@code name:qualifier}, a partial ARN
 * ({@code 123456789012:function:name[:qualifier]}) or a full ARN. The qualifier, when present,
 * is {@code $LATEST}, a version number, or an alias name.
 */
public record FunctionRef(String name, Optional<String> qualifier) {
    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[0-9]+|[a-zA-Z0-9_-]{1,128}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    public FunctionRef {
        FunctionNames.requireValid(name);
        qualifier.ifPresent(FunctionRef::requireQualifier);
    }

    /**
     * Parses {@code raw}; a separately given {@code qualifierParam} (the {@code Qualifier} query
     * parameter) must agree with one embedded in the name.
     */
    public static FunctionRef parse(String raw, String qualifierParam) {
        if (raw == null || raw.isEmpty() || raw.length() > 170) {
            throw invalidName(raw);
        }
        String[] parts = raw.split(":", -1);
        String name;
        String embedded = null;
        if (parts[0].equals("arn")) {
            // arn:aws:lambda:region:account:function:name[:qualifier]
            if (parts.length < 7 || parts.length > 8 || !parts[2].equals("lambda") || !parts[5].equals("function")
                    || !ACCOUNT.matcher(parts[4]).matches()) {
                throw invalidName(raw);
            }
            name = parts[6];
            if (parts.length == 8) embedded = parts[7];
        } else if (parts.length >= 3 && parts[1].equals("function")) {
            if (parts.length > 4 || !ACCOUNT.matcher(parts[0]).matches()) throw invalidName(raw);
            name = parts[2];
            if (parts.length == 4) embedded = parts[3];
        } else if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            name = parts[0];
            embedded = parts[1];
        } else {
            throw invalidName(raw);
        }
        if (!FunctionNames.isValid(name)) throw invalidName(raw);
        String q = qualifierParam == null || qualifierParam.isEmpty() ? null : qualifierParam;
        if (embedded != null && q != null && !embedded.equals(q)) {
            throw HearthException.invalid("The derived qualifier from the function name does not match the specified qualifier.");
        }
        String qualifier = embedded != null ? embedded : q;
        return new FunctionRef(name, Optional.ofNullable(qualifier));
    }

    public String qualifierOrLatest() {
        return qualifier.orElse(FunctionVersion.LATEST);
    }

    /** The alias this reference names, or null (no qualifier, {@code $LATEST}, a version number). */
    public String alias() {
        return qualifier.filter(FunctionRef::isAlias).orElse(null);
    }

    /** Whether {@code qualifier} names an alias: neither {@code $LATEST} nor a version number (all digits). */
    public static boolean isAlias(String qualifier) {
        return qualifier != null && !qualifier.equals(FunctionVersion.LATEST)
                && !qualifier.chars().allMatch(Character::isDigit);
    }

    private static void requireQualifier(String q) {
        if (q.isEmpty() || !QUALIFIER.matcher(q).matches()) {
            throw HearthException.invalid("1 validation error detected: Value '" + q
                    + "' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression"
                    + " pattern: (|[a-zA-Z0-9$_-]+)");
        }
    }

    private static HearthException invalidName(String raw) {
        return HearthException.invalid("1 validation error detected: Value '" + raw
                + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                + " (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
                + "([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
    }
}
