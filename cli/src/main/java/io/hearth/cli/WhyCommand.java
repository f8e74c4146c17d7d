package io.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth why}: why a request to an idempotent function was answered as it was, from
 * {@code GET /hearth/v1/functions/NAME/idempotency/decisions/ID}. Prints one line, the decision's
 * time first: {@code TIME  replayed PRIOR-ID} or {@code TIME  ran: REASON}.
 */
@Command(name = "why", sortOptions = false,
        description = "Explain why a request to an idempotent function was replayed or ran.")
final class WhyCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name.")
    String name;

    @Option(names = "--request", required = true, paramLabel = "ID", description = "The request id to explain.")
    String requestId;

    @Override
    int run(HearthClient client) throws ClientFailure {
        JsonNode decision = client.idempotencyDecision(name, requestId);
        String time = Json.text(decision, "decidedAt", "-");
        if (decision.path("replayed").asBoolean(false)) {
            out().println(time + "  replayed " + Json.text(decision, "priorRequestId", "-"));
        } else {
            out().println(time + "  ran: " + Json.text(decision, "reason", "no reason given"));
        }
        return 0;
    }
}
