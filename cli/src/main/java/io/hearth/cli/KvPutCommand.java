package io.hearth.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth kv put}: writes a key and prints its new version. The value is the argument as
 * UTF-8, or with {@code -} the bytes of stdin exactly as read (binary values too). JSON is the
 * convention for values but not required.
 */
@Command(name = "put", sortOptions = false, description = "Write a key; print its new version.")
final class KvPutCommand extends KvClientCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key (may contain '/').")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE|-", description = "The value, or - to read it from stdin.")
    String value;

    @Override
    int run(HearthClient client) throws ClientFailure {
        out().println(client.kvPut(namespace.id(), key, value()));
        return 0;
    }

    private byte[] value() throws ClientFailure.Input {
        if (!value.equals("-")) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return hearth().stdin().readAllBytes();
        } catch (IOException e) {
            throw new ClientFailure.Input("cannot read the value from stdin: " + e.getMessage());
        }
    }
}
