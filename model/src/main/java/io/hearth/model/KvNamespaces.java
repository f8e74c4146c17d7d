package io.hearth.model;

import java.util.regex.Pattern;

/**
 * Names of key-value namespaces. Each function has its own ({@code function:NAME}); shared
 * namespaces ({@code shared:NAME}) are named explicitly by whoever uses them. Shared names match
 * {@code [a-zA-Z0-9._-]{1,128}}.
 */
public final class KvNamespaces {
    private static final Pattern SHARED = Pattern.compile("[a-zA-Z0-9._-]{1,128}");

    private KvNamespaces() {}

    public static String ofFunction(String functionName) {
        return "function:" + FunctionNames.requireValid(functionName);
    }

    public static String shared(String name) {
        if (name == null || !SHARED.matcher(name).matches()) {
            throw HearthException.invalid("Namespace '" + name + "' must match [a-zA-Z0-9._-]{1,128}");
        }
        return "shared:" + name;
    }

    /** The function's own namespace when {@code sharedName} is null, else that shared one. */
    public static String resolve(String functionName, String sharedName) {
        return sharedName == null ? ofFunction(functionName) : shared(sharedName);
    }
}
