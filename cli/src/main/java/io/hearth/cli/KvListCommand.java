package io.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth kv ls}: a {@code KEY VERSION VALUE} table of a namespace's keys (those starting
 * with PREFIX), following the API's {@code next} to the last page. Values are shown on one line:
 * control characters escaped, long ones cut at {@value #MAX_SHOWN} characters, values that are not
 * UTF-8 text as {@code base64:…}.
 */
@Command(name = "ls", sortOptions = false, description = "List keys: KEY VERSION VALUE.")
final class KvListCommand extends KvClientCommand {
    static final int PAGE = 1000;
    static final int MAX_SHOWN = 60;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", description = "Only keys starting with this.")
    String prefix;

    @Override
    int run(HearthClient client) throws ClientFailure {
        Table table = new Table("KEY", "VERSION", "VALUE");
        Set<String> seen = new HashSet<>();
        String after = null;
        do {
            JsonNode page = client.kvList(namespace.id(), prefix, after, PAGE);
            for (JsonNode item : page.path("items")) {
                table.add(Json.text(item, "key", "-"), Json.text(item, "version", "-"), shown(item));
            }
            after = Json.text(page, "next", null);
            if (after != null && !seen.add(after)) {
                throw new ClientFailure.Api(200, "InvalidResponse",
                        "the server repeated next '" + after + "'; stopping to avoid an endless listing");
            }
        } while (after != null);
        table.print(out());
        return 0;
    }

    private static String shown(JsonNode item) {
        String value = Json.text(item, "value", "");
        if ("base64".equals(Json.text(item, "encoding", null))) {
            return cut("base64:" + value);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() <= MAX_SHOWN; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return cut(out.toString());
    }

    private static String cut(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "…";
    }
}
