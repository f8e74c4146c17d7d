package io.hearth.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The user-settable configuration of a function version. {@code role} is the execution role ARN
 * as given (kept so tools that compare it see no drift; Hearth does not assume it), or null. Constructing one validates every field
 * against Lambda's limits and throws {@link HearthException} (InvalidParameterValueException)
 * naming the offending field, so nothing half-valid travels inward.
 */
public record FunctionConfig(
        Runtime runtime,
        String handler,
        int timeoutSeconds,
        int memoryMb,
        Map<String, String> environment,
        String description,
        String role) {

    public static final int DEFAULT_TIMEOUT = 3;
    public static final int DEFAULT_MEMORY = 128;
    /** The memory sizes a function may have, in MB (Lambda's range). */
    public static final int MIN_MEMORY = 128;
    public static final int MAX_MEMORY = 10240;
    private static final Pattern HANDLER = Pattern.compile("[^\\s]{1,128}");
    private static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
    private static final int ENV_MAX_BYTES = 4096;

    public FunctionConfig {
        Objects.requireNonNull(runtime, "runtime");
        environment = environment == null ? Map.of() : Map.copyOf(new TreeMap<>(environment));
        description = description == null ? "" : description;
        if (role != null && (role.isEmpty() || role.length() > 2048)) {
            throw HearthException.invalid("Value at 'role' failed to satisfy constraint: Member must have length "
                    + "between 1 and 2048");
        }
        if (handler == null || !HANDLER.matcher(handler).matches()) {
            throw HearthException.invalid("Value '" + handler + "' at 'handler' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [^\\s]+ and length <= 128");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 900) {
            throw HearthException.invalid("Value " + timeoutSeconds + " at 'timeout' failed to satisfy constraint: "
                    + "Member must have value between 1 and 900");
        }
        if (memoryMb < MIN_MEMORY || memoryMb > MAX_MEMORY) {
            throw HearthException.invalid("Value " + memoryMb + " at 'memorySize' failed to satisfy constraint: "
                    + "Member must have value between 128 and 10240");
        }
        if (description.length() > 256) {
            throw HearthException.invalid("Value at 'description' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 256");
        }
        int bytes = 0;
        for (var e : environment.entrySet()) {
            if (!ENV_KEY.matcher(e.getKey()).matches()) {
                throw HearthException.invalid("Environment variable name '" + e.getKey()
                        + "' must match [a-zA-Z]([a-zA-Z0-9_])+");
            }
            if (ReservedEnvironment.isReserved(e.getKey())) {
                throw HearthException.invalid("Lambda was unable to configure your environment variables because the "
                        + "environment variables you have provided contains reserved keys that are currently not "
                        + "supported for modification. Reserved keys used in this request: " + e.getKey());
            }
            bytes += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length());
        }
        if (bytes > ENV_MAX_BYTES) {
            throw HearthException.invalid("Lambda was unable to configure your environment variables because the "
                    + "environment variables you have provided exceeded the 4KB limit. Size: " + bytes);
        }
    }

    /** A configuration without a role. */
    public FunctionConfig(Runtime runtime, String handler, int timeoutSeconds, int memoryMb,
                          Map<String, String> environment, String description) {
        this(runtime, handler, timeoutSeconds, memoryMb, environment, description, null);
    }

    public FunctionConfig withHandler(String h) {
        return new FunctionConfig(runtime, h, timeoutSeconds, memoryMb, environment, description, role);
    }
}
