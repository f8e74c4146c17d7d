package io.hearth.engine.idempotency;

import io.hearth.model.HearthException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A function's idempotency settings, read from its tags so AWS tooling can set them:
 * {@code hearth:idempotent=true}, {@code hearth:idempotency-ttl=<seconds>} (default 24 h),
 * {@code hearth:replay-failures=true} (default false) and
 * {@code hearth:depends-on=<URI>[,<URI>…]}. Bad values are refused when the tags are set.
 */
public record IdempotencyPolicy(boolean enabled, Duration ttl, boolean replayFailures, List<String> dependsOn) {
    public static final String TAG_ENABLED = "hearth:idempotent";
    public static final String TAG_TTL = "hearth:idempotency-ttl";
    public static final String TAG_REPLAY_FAILURES = "hearth:replay-failures";
    public static final String TAG_DEPENDS_ON = "hearth:depends-on";
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    private static final long MAX_TTL_SECONDS = 365L * 24 * 3600;
    public static final IdempotencyPolicy OFF = new IdempotencyPolicy(false, DEFAULT_TTL, false, List.of());

    public IdempotencyPolicy {
        dependsOn = List.copyOf(dependsOn);
    }

    /** Parses the tags; throws InvalidParameterValueException naming the tag on a bad value. */
    public static IdempotencyPolicy fromTags(Map<String, String> tags) {
        boolean enabled = bool(tags, TAG_ENABLED);
        boolean replayFailures = bool(tags, TAG_REPLAY_FAILURES);
        Duration ttl = DEFAULT_TTL;
        String ttlText = tags.get(TAG_TTL);
        if (ttlText != null) {
            try {
                long s = Long.parseLong(ttlText.trim());
                if (s < 1 || s > MAX_TTL_SECONDS) throw new NumberFormatException();
                ttl = Duration.ofSeconds(s);
            } catch (NumberFormatException e) {
                throw HearthException.invalid("Tag " + TAG_TTL + " must be a number of seconds between 1 and "
                        + MAX_TTL_SECONDS + ", got '" + ttlText + "'");
            }
        }
        List<String> deps = List.of();
        String depText = tags.get(TAG_DEPENDS_ON);
        if (depText != null && !depText.isBlank()) {
            deps = Arrays.stream(depText.split(",")).map(String::trim).filter(d -> !d.isEmpty()).toList();
            deps.forEach(DependencyUri::parse);
        }
        return new IdempotencyPolicy(enabled, ttl, replayFailures, deps);
    }

    private static boolean bool(Map<String, String> tags, String key) {
        String v = tags.get(key);
        if (v == null) return false;
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw HearthException.invalid("Tag " + key + " must be true or false, got '" + v + "'");
        };
    }
}
