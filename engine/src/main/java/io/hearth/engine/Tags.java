package io.hearth.engine;

import io.hearth.model.HearthException;
import io.hearth.sandbox.isolation.NetworkAccess;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Lambda's tag rules: at most 50, keys 1–128 chars not starting with {@code aws:}, values ≤ 256;
 * and Hearth's own settings given as tags, refused when set with a bad value: idempotency
 * ({@link io.hearth.engine.idempotency.IdempotencyPolicy}) and {@value #NETWORK} ({@code none},
 * the default, or {@code outbound}: the network of the function's sandboxes, read at each launch).
 */
final class Tags {
    private static final int MAX_TAGS = 50;
    static final String NETWORK = "hearth:network";

    private Tags() {}

    static void validate(Map<String, String> tags) {
        for (var e : tags.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw HearthException.invalid("Tag keys must be between 1 and 128 characters: '" + k + "'");
            }
            if (k.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw HearthException.invalid("Tag keys cannot start with the reserved prefix 'aws:': '" + k + "'");
            }
            if (e.getValue() == null || e.getValue().length() > 256) {
                throw HearthException.invalid("Tag values must be at most 256 characters (key '" + k + "')");
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw HearthException.invalid("A function can have at most " + MAX_TAGS + " tags");
        }
        io.hearth.engine.idempotency.IdempotencyPolicy.fromTags(tags);   // refuses bad hearth: settings
        network(tags);
    }

    /**
     * The function's {@value #NETWORK} setting, {@link NetworkAccess#NONE} when absent.
     *
     * @throws HearthException (InvalidParameterValueException) naming the tag on a bad value
     */
    static NetworkAccess network(Map<String, String> tags) {
        String value = tags.get(NETWORK);
        if (value == null) return NetworkAccess.NONE;
        try {
            return NetworkAccess.parse(value);
        } catch (IllegalArgumentException e) {
            throw HearthException.invalid("Tag " + NETWORK + " must be none or outbound, got '" + value + "'");
        }
    }

    /**
     * {@link #network} for a launch of function {@code name}: a bad value (stored before it was
     * checked) gives no network, and says so.
     */
    static NetworkAccess networkOf(String name, Map<String, String> tags) {
        try {
            return network(tags);
        } catch (HearthException e) {
            System.err.println("hearth: function " + name + " has an invalid network tag, given no network: "
                    + e.getMessage());
            return NetworkAccess.NONE;
        }
    }

    static Map<String, String> merge(Map<String, String> current, Map<String, String> added) {
        var m = new HashMap<>(current);
        m.putAll(added);
        validate(m);
        return m;
    }

    static Map<String, String> without(Map<String, String> current, Collection<String> keys) {
        var m = new HashMap<>(current);
        keys.forEach(m::remove);
        return m;
    }
}
