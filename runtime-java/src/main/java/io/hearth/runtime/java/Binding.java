package io.hearth.runtime.java;

import java.util.HashMap;
import java.util.Map;

/**
 * A late-binding document, the payload of the first event a generic sandbox receives
 * (header {@code Lambda-Runtime-Hearth-Binding: 1}):
 * {@code {"environment": {"NAME": "VALUE", ...}, "taskRoot": "/var/task", "handler": "pkg.Class::method"}}.
 * {@code environment} is the function's complete environment; {@code taskRoot} and
 * {@code handler}, when present, override its {@code LAMBDA_TASK_ROOT} and {@code _HANDLER}.
 */
record Binding(Map<String, String> variables) {

    static Binding parse(byte[] json) throws JsonException {
        if (!(JsonReader.parse(json) instanceof Map<?, ?> doc)) {
            throw new JsonException("a binding document must be a JSON object");
        }
        Map<String, String> vars = new HashMap<>();
        if (doc.get("environment") instanceof Map<?, ?> env) {
            for (Map.Entry<?, ?> e : env.entrySet()) {
                Object v = e.getValue();
                if (v != null) vars.put((String) e.getKey(), v instanceof JsonNumber n ? n.text() : v.toString());
            }
        } else if (doc.get("environment") != null) {
            throw new JsonException("the binding's \"environment\" must be an object of strings");
        }
        if (doc.get("taskRoot") instanceof String root && !root.isEmpty()) vars.put(Environment.TASK_ROOT, root);
        if (doc.get("handler") instanceof String handler && !handler.isEmpty()) vars.put(Environment.HANDLER, handler);
        return new Binding(Map.copyOf(vars));
    }
}
