package io.hearth.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth kv get}: prints a key's value on stdout (a newline added when it lacks one); a
 * value that is not UTF-8 text is printed as base64, with a note on stderr. A missing key prints
 * the server's message and exits 1, so scripts can tell "no such key" from a failure (2, 3).
 */
@Command(name = "get", sortOptions = false, description = "Print the value of a key (exit 1 if there is none).")
final class KvGetCommand extends KvClientCommand {
    static final int MISSING = 1;

    @Parameters(index = "0", paramLabel = "KEY", description = "The key (may contain '/').")
    String key;

    @Override
    int run(HearthClient client) throws ClientFailure {
        ApiResponse response;
        try {
            response = client.kvGet(namespace.id(), key);
        } catch (ClientFailure.Api e) {
            if (e.status() == 404 && "ResourceNotFoundException".equals(e.type())) {
                err().println("error: " + e.getMessage());
                return MISSING;
            }
            throw e;
        }
        String text = utf8(response.body());
        if (text == null) {
            text = Base64.getEncoder().encodeToString(response.body());
            err().println("note: the value is not UTF-8 text; printed as base64");
        }
        out().print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out().println();
        }
        return 0;
    }

    /** The bytes as text when they are valid UTF-8, else null. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
