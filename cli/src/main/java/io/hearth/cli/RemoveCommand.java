package io.hearth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hearth rm}: DeleteFunction. */
@Command(name = "rm", description = "Delete a function.")
final class RemoveCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name.")
    String name;

    @Override
    int run(HearthClient client) throws ClientFailure {
        client.deleteFunction(name);
        out().println("deleted " + name);
        return 0;
    }
}
