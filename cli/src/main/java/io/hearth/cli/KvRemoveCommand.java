package io.hearth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hearth kv rm}: deletes a key (a delete is a write: the key's version goes up). */
@Command(name = "rm", sortOptions = false, description = "Delete a key.")
final class KvRemoveCommand extends KvClientCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key (may contain '/').")
    String key;

    @Override
    int run(HearthClient client) throws ClientFailure {
        long version = client.kvDelete(namespace.id(), key);
        out().println("deleted " + key + " (version " + version + ")");
        return 0;
    }
}
