package io.hearth.runtime.java;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables the function runs with. The runtime reads every setting from here, never from
 * {@link System#getenv}: under late binding the process was started before its function was known
 * and Java cannot change its own environment, so the bound variables live in this object (and are
 * copied into {@code System.getenv()} only where {@link ProcessEnvironment} manages to).
 */
record Environment(Map<String, String> variables) {
    static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";
    static final String RUNTIME_SOCKET = "HEARTH_RUNTIME_SOCKET";
    /** Inside an isolated sandbox: the loopback host:port of AWS_LAMBDA_RUNTIME_API, for {@link RuntimeApiRelay}. */
    static final String RUNTIME_RELAY = "HEARTH_RUNTIME_RELAY";
    static final String LATE_BINDING = "HEARTH_LATE_BINDING";
    static final String HANDLER = "_HANDLER";
    static final String TASK_ROOT = "LAMBDA_TASK_ROOT";

    Environment {
        variables = Map.copyOf(variables);
    }

    static Environment ofProcess() {
        return new Environment(System.getenv());
    }

    String get(String name) {
        String v = variables.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    boolean lateBinding() {
        String v = get(LATE_BINDING);
        return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** These variables overlaid by {@code bound} (a binding's complete function environment). */
    Environment with(Map<String, String> bound) {
        var merged = new HashMap<>(variables);
        for (Map.Entry<String, String> e : bound.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) merged.put(e.getKey(), e.getValue());
        }
        return new Environment(merged);
    }

    /** Code directory: {@code LAMBDA_TASK_ROOT}, else the working directory (the official client's rule). */
    Path taskRoot() {
        String root = get(TASK_ROOT);
        return Path.of(root == null ? System.getProperty("user.dir") : root).toAbsolutePath();
    }

    String functionName() {
        return get("AWS_LAMBDA_FUNCTION_NAME");
    }

    String functionVersion() {
        return get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    }

    String logGroupName() {
        return get("AWS_LAMBDA_LOG_GROUP_NAME");
    }

    String logStreamName() {
        return get("AWS_LAMBDA_LOG_STREAM_NAME");
    }

    /** {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, 128 when absent or unreadable (as Lambda's client does). */
    int memoryMb() {
        try {
            return Integer.parseInt(get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128").trim());
        } catch (NumberFormatException e) {
            return 128;
        }
    }
}
