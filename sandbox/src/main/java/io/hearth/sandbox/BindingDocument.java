package io.hearth.sandbox;

import io.hearth.model.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The document a generic sandbox's runtime receives when it is bound to a function (late
 * binding), as the body of its first {@code /next} answer:
 * {@code {"environment":{NAME:VALUE,…},"taskRoot":"/var/task","handler":"app.handler"}} — the
 * function's whole environment as the sandbox must see it (Lambda's reserved variables and the
 * function's own), where its code now is, and its handler.
 */
record BindingDocument(Map<String, String> environment, String taskRoot, String handler) {

    byte[] toJson() {
        var out = new StringBuilder(256 + environment.size() * 48).append("{\"environment\":{");
        boolean first = true;
        for (var e : new TreeMap<>(environment).entrySet()) {
            if (!first) out.append(',');
            first = false;
            out.append(JsonText.quote(e.getKey())).append(':').append(JsonText.quote(e.getValue()));
        }
        out.append("},\"taskRoot\":").append(JsonText.quote(taskRoot))
                .append(",\"handler\":").append(JsonText.quote(handler)).append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
