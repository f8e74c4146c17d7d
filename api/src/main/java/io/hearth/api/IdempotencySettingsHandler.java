package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.Arns;
import io.hearth.model.ControlCommand;
import io.hearth.model.FunctionNames;
import io.hearth.model.HearthException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's idempotency settings through the Hearth API, stored as its {@code hearth:*}
 * tags (so AWS tooling and this API see the same thing):
 * <pre>
 *   GET /hearth/v1/functions/{name}/idempotency → {"idempotent":true,"ttlSeconds":86400,"replayFailures":false,"dependsOn":["kv:prices"]}
 *   PUT /hearth/v1/functions/{name}/idempotency  with any of those fields → 200, the settings now
 * </pre>
 * A field left out is unchanged; {@code false}, {@code null} or {@code []} removes the setting.
 * Bad values are refused by the engine's tag validation (InvalidParameterValueException).
 */
final class IdempotencySettingsHandler {
    static final String ENABLED = "hearth:idempotent";
    static final String TTL = "hearth:idempotency-ttl";
    static final String REPLAY_FAILURES = "hearth:replay-failures";
    static final String DEPENDS_ON = "hearth:depends-on";
    private static final long DEFAULT_TTL = 86_400;

    private IdempotencySettingsHandler() {}

    static Operation get(ControlPlane control, Arns arns) {
        return ex -> answer(ex, control.listTags(arns.function(FunctionNames.requireValid(ex.path("name")))));
    }

    static Operation put(ControlPlane control, Arns arns) {
        return ex -> {
            String arn = arns.function(FunctionNames.requireValid(ex.path("name")));
            var body = JsonCodec.readObject(ex.body(RequestBody.SMALL_JSON_LIMIT, "PutIdempotencySettings"));
            var set = new HashMap<String, String>();
            var remove = new ArrayList<String>();
            if (body.has("idempotent")) toggle(JsonFields.bool(body, "idempotent"), ENABLED, set, remove);
            if (body.has("replayFailures")) toggle(JsonFields.bool(body, "replayFailures"), REPLAY_FAILURES, set, remove);
            if (body.has("ttlSeconds")) {
                Integer ttl = body.get("ttlSeconds").isNull() ? null : JsonFields.integer(body, "ttlSeconds");
                if (ttl == null) remove.add(TTL);
                else set.put(TTL, Integer.toString(ttl));
            }
            if (body.has("dependsOn")) {
                List<String> deps = body.get("dependsOn").isNull() ? List.of() : JsonFields.stringList(body, "dependsOn");
                if (deps.isEmpty()) remove.add(DEPENDS_ON);
                else set.put(DEPENDS_ON, String.join(",", deps));
            }
            for (String unknown : iterable(body.fieldNames())) {
                if (!List.of("idempotent", "replayFailures", "ttlSeconds", "dependsOn").contains(unknown)) {
                    throw HearthException.invalid("Unknown idempotency setting '" + unknown
                            + "': use idempotent, ttlSeconds, replayFailures, dependsOn");
                }
            }
            if (!set.isEmpty()) control.tag(new ControlCommand.TagResource(arn, set));
            if (!remove.isEmpty()) control.untag(new ControlCommand.UntagResource(arn, remove));
            answer(ex, control.listTags(arn));
        };
    }

    private static void toggle(boolean on, String tag, Map<String, String> set, List<String> remove) {
        if (on) set.put(tag, "true");
        else remove.add(tag);
    }

    private static void answer(Exchange ex, Map<String, String> tags) {
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeBooleanField("idempotent", "true".equalsIgnoreCase(tags.get(ENABLED)));
            g.writeNumberField("ttlSeconds", tags.containsKey(TTL) ? Long.parseLong(tags.get(TTL)) : DEFAULT_TTL);
            g.writeBooleanField("replayFailures", "true".equalsIgnoreCase(tags.get(REPLAY_FAILURES)));
            g.writeArrayFieldStart("dependsOn");
            String deps = tags.get(DEPENDS_ON);
            if (deps != null) {
                for (String d : deps.split(",")) {
                    if (!d.isBlank()) g.writeString(d.trim());
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
