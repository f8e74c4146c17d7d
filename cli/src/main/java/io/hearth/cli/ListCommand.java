package io.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code hearth ls}: every function, following ListFunctions' NextMarker to the last page. */
@Command(name = "ls", description = "List functions: NAME RUNTIME MEMORY TIMEOUT LAST-MODIFIED.")
final class ListCommand extends ClientCommand {

    @Override
    int run(HearthClient client) throws ClientFailure {
        Table table = new Table("NAME", "RUNTIME", "MEMORY", "TIMEOUT", "LAST-MODIFIED");
        Set<String> seenMarkers = new HashSet<>();
        String marker = null;
        do {
            JsonNode page = client.listFunctions(marker);
            for (JsonNode f : page.path("Functions")) {
                table.add(Json.text(f, "FunctionName", "-"), Json.text(f, "Runtime", "-"),
                        Json.text(f, "MemorySize", "-"), Json.text(f, "Timeout", "-"),
                        Json.text(f, "LastModified", "-"));
            }
            marker = Json.text(page, "NextMarker", null);
            if (marker != null && marker.isEmpty()) {
                marker = null;
            }
            if (marker != null && !seenMarkers.add(marker)) {
                throw new ClientFailure.Api(200, "InvalidResponse",
                        "the server repeated NextMarker '" + marker + "'; stopping to avoid an endless listing");
            }
        } while (marker != null);
        table.print(out());
        return 0;
    }
}
