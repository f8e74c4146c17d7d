package io.hearth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hearth idempotency purge}: deletes all of a function's records, so its next requests run. */
@Command(name = "purge", description = "Delete all of a function's idempotency records.")
final class IdempotencyPurgeCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name.")
    String name;

    @Override
    int run(HearthClient client) throws ClientFailure {
        int purged = client.purgeIdempotencyRecords(name);
        out().println("purged " + purged + (purged == 1 ? " record" : " records") + " of " + name);
        return 0;
    }
}
