package io.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth idempotency ls}: a function's idempotency records, newest first, as a
 * {@code REQUEST-ID VERSION ERROR CREATED EXPIRES DEPENDENCIES} table; dependencies are shown
 * as {@code uri=token} separated by spaces.
 */
@Command(name = "ls", sortOptions = false, description = "List a function's idempotency records, newest first.")
final class IdempotencyListCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name.")
    String name;

    @Option(names = "--limit", paramLabel = "N", description = "How many records (1-1000; server default 50).")
    Integer limit;

    @Override
    int run(HearthClient client) throws ClientFailure {
        if (limit != null && limit < 1) {
            throw new ClientFailure.Input("--limit must be at least 1, was " + limit);
        }
        JsonNode answer = client.idempotencyRecords(name, limit);
        Table table = new Table("REQUEST-ID", "VERSION", "ERROR", "CREATED", "EXPIRES", "DEPENDENCIES");
        for (JsonNode r : answer.path("records")) {
            table.add(Json.text(r, "requestId", "-"), Json.text(r, "executedVersion", "-"),
                    Json.text(r, "errorType", "-"), Json.text(r, "createdAt", "-"), Json.text(r, "expiresAt", "-"),
                    dependencies(r.path("dependencies")));
        }
        table.print(out());
        return 0;
    }

    private static String dependencies(JsonNode deps) {
        List<String> shown = new ArrayList<>();
        for (JsonNode d : deps) {
            shown.add(Json.text(d, "uri", "?") + "=" + Json.text(d, "token", "?"));
        }
        return shown.isEmpty() ? "-" : String.join(" ", shown);
    }
}
