package io.hearth.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code hearth deploy}'s idempotency options, which become the function's {@code hearth:} tags
 * (set with TagResource after the deploy): {@code --idempotent} → {@code hearth:idempotent=true},
 * {@code --idempotency-ttl S} → {@code hearth:idempotency-ttl=S}, {@code --depends-on URI}
 * (repeatable) → {@code hearth:depends-on=URI[,URI…]}, {@code --replay-failures} →
 * {@code hearth:replay-failures=true}. {@code --no-idempotent} removes all four (UntagResource).
 * Without any of them, deploy does not touch tags. Checked before anything is sent.
 */
final class IdempotencyTagOptions {
    static final String ENABLED = "hearth:idempotent";
    static final String TTL = "hearth:idempotency-ttl";
    static final String DEPENDS_ON = "hearth:depends-on";
    static final String REPLAY_FAILURES = "hearth:replay-failures";
    static final List<String> ALL = List.of(ENABLED, TTL, DEPENDS_ON, REPLAY_FAILURES);
    /** Lambda's limit on a tag value. */
    static final int MAX_TAG_VALUE = 256;

    @Option(names = "--idempotent", negatable = true,
            description = "Make the function idempotent (tag hearth:idempotent=true); --no-idempotent removes "
                    + "all hearth: idempotency tags.")
    Boolean idempotent;

    @Option(names = "--idempotency-ttl", paramLabel = "SECONDS",
            description = "How long a stored result may be replayed (tag hearth:idempotency-ttl; server default "
                    + "86400).")
    Long ttlSeconds;

    @Option(names = "--depends-on", paramLabel = "URI",
            description = "A dependency whose change makes requests run again: kv:KEY, kv://NS/KEY, "
                    + "http(s)://…, file:/PATH; repeat for several (tag hearth:depends-on).")
    List<String> dependsOn;

    @Option(names = "--replay-failures", description = "Replay function errors too (tag hearth:replay-failures=true).")
    boolean replayFailures;

    /** True when {@code --no-idempotent} was given: the tags are to be removed. */
    boolean removing() {
        return Boolean.FALSE.equals(idempotent);
    }

    /** The tags to set (empty when none of the options was given); throws on an unusable combination. */
    Map<String, String> tags() throws ClientFailure.Input {
        boolean others = ttlSeconds != null || dependsOn != null || replayFailures;
        if (removing()) {
            if (others) {
                throw new ClientFailure.Input("--no-idempotent cannot be combined with --idempotency-ttl, "
                        + "--depends-on or --replay-failures");
            }
            return Map.of();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(idempotent)) {
            tags.put(ENABLED, "true");
        }
        if (ttlSeconds != null) {
            if (ttlSeconds < 1) {
                throw new ClientFailure.Input("--idempotency-ttl must be at least 1 second, was " + ttlSeconds);
            }
            tags.put(TTL, Long.toString(ttlSeconds));
        }
        if (dependsOn != null) {
            tags.put(DEPENDS_ON, dependsOnValue());
        }
        if (replayFailures) {
            tags.put(REPLAY_FAILURES, "true");
        }
        return tags;
    }

    private String dependsOnValue() throws ClientFailure.Input {
        for (String uri : dependsOn) {
            if (uri.isBlank() || uri.contains(",")) {
                throw new ClientFailure.Input("--depends-on '" + uri + "' must be one non-empty URI without ','");
            }
        }
        String value = String.join(",", dependsOn);
        if (value.length() > MAX_TAG_VALUE) {
            throw new ClientFailure.Input("--depends-on URIs joined by ',' must be at most " + MAX_TAG_VALUE
                    + " characters (a tag value), were " + value.length());
        }
        return value;
    }
}
