package io.hearth.model;

import java.util.regex.Pattern;

/** Validation of bare function names: {@code [a-zA-Z0-9-_]{1,64}}. */
public final class FunctionNames {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private FunctionNames() {}

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw HearthException.invalid("1 validation error detected: Value '" + name
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression"
                    + " pattern: [a-zA-Z0-9-_]+ and have length between 1 and 64");
        }
        return name;
    }
}
