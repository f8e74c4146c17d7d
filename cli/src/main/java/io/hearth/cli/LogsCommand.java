package io.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth logs}: invocation logs from the Hearth API, which answers
 * {@code {"logs":[{requestId, version, startedAt, text}, …]}} newest first, or one such entry for
 * {@code --request}. The texts are printed oldest first, so the newest invocation ends the output
 * as with {@code tail}; a plain text answer is printed as it is.
 */
@Command(name = "logs", sortOptions = false, description = "Print a function's recent invocation logs, oldest first.")
final class LogsCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name.")
    String name;

    @Option(names = "--request", paramLabel = "ID", description = "Only the log of this request id.")
    String requestId;

    @Option(names = "--limit", paramLabel = "N",
            description = "How many of the most recent invocations (1-1000; server default 20).")
    Integer limit;

    @Override
    int run(HearthClient client) throws ClientFailure {
        if (limit != null && limit < 1) {
            throw new ClientFailure.Input("--limit must be at least 1, was " + limit);
        }
        if (limit != null && requestId != null) {
            throw new ClientFailure.Input("--limit cannot be combined with --request");
        }
        ApiResponse response = requestId == null
                ? client.recentLogs(name, limit)
                : client.requestLog(name, requestId);
        if (!isJson(response)) {
            print(response.text());
            return 0;
        }
        JsonNode json = Json.tryParse(response.body()).orElseThrow(() -> malformed(response));
        if (json.has("text")) {
            print(json.get("text").asText());
        } else if (json.path("logs").isArray()) {
            List<JsonNode> entries = new ArrayList<>();
            json.get("logs").forEach(entries::add);
            for (JsonNode entry : entries.reversed()) {
                print(Json.text(entry, "text", ""));
            }
        } else {
            throw malformed(response);
        }
        return 0;
    }

    private void print(String text) {
        out().print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out().println();
        }
    }

    private static boolean isJson(ApiResponse response) {
        return response.header("Content-Type").map(t -> t.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
    }

    private static ClientFailure.Api malformed(ApiResponse response) {
        return new ClientFailure.Api(response.status(), "InvalidResponse",
                "expected {\"logs\":[…]} or one log entry from the server, got: " + abbreviate(response.text()));
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
