package io.hearth.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth invoke}: one Invoke call. Prints the response body on stdout (with a newline
 * added when it lacks one), the decoded log tail on stderr with {@code --log}, and exits 1 when
 * the function failed ({@code X-Amz-Function-Error}); {@code --event} queues the invocation and
 * prints its request id. {@code --idempotency-key} sends {@code Idempotency-Key}; an answer that
 * replays an earlier run adds {@code (replayed <request id>)} on stderr.
 */
@Command(name = "invoke", sortOptions = false, description = "Invoke a function and print its response.")
final class InvokeCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Function name (NAME, NAME:QUALIFIER or ARN).")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PAYLOAD|-",
            description = "JSON payload, or - to read it from stdin (default: {}).")
    String payload;

    @Option(names = "--log", description = "Print the function's log tail (last 4 KB) on stderr.")
    boolean log;

    @Option(names = "--event", description = "Invoke asynchronously (InvocationType Event); print the request id.")
    boolean event;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Idempotency-Key header (1-255 visible ASCII characters): an idempotent function "
                    + "answers a repeated key with its earlier result.")
    String idempotencyKey;

    @Override
    int run(HearthClient client) throws ClientFailure {
        if (log && event) {
            throw new ClientFailure.Input("--log cannot be combined with --event: asynchronous invocations return no log");
        }
        checkIdempotencyKey();
        byte[] body = payload();
        if (event) {
            ApiResponse response = client.invoke(name, body, HearthClient.InvocationType.EVENT, false, idempotencyKey);
            out().println(response.header("x-amzn-RequestId").orElse("-"));
            return 0;
        }
        ApiResponse response = client.invoke(name, body, HearthClient.InvocationType.REQUEST_RESPONSE, log,
                idempotencyKey);
        String text = response.text();
        out().print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out().println();
        }
        out().flush();
        if (response.header("X-Hearth-Idempotent").filter("replay"::equals).isPresent()) {
            err().println("(replayed " + response.header("X-Hearth-Replay-Of").orElse("?") + ")");
        }
        if (log) {
            response.header("X-Amz-Log-Result").ifPresent(this::printLog);
        }
        return response.header("X-Amz-Function-Error").isPresent() ? 1 : 0;
    }

    /** The server's rule, checked before sending: 1-255 characters from {@code !} to {@code ~}. */
    private void checkIdempotencyKey() throws ClientFailure.Input {
        if (idempotencyKey == null) {
            return;
        }
        boolean ok = !idempotencyKey.isEmpty() && idempotencyKey.length() <= 255;
        for (int i = 0; ok && i < idempotencyKey.length(); i++) {
            char c = idempotencyKey.charAt(i);
            ok = c >= '!' && c <= '~';
        }
        if (!ok) {
            throw new ClientFailure.Input("--idempotency-key must be 1 to 255 visible ASCII characters (no spaces)");
        }
    }

    private byte[] payload() throws ClientFailure.Input {
        byte[] bytes;
        if (payload == null) {
            bytes = "{}".getBytes(StandardCharsets.UTF_8);
        } else if (payload.equals("-")) {
            try {
                bytes = hearth().stdin().readAllBytes();
            } catch (IOException e) {
                throw new ClientFailure.Input("cannot read the payload from stdin: " + e.getMessage());
            }
        } else {
            bytes = payload.getBytes(StandardCharsets.UTF_8);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        try {
            Json.parse(bytes);
        } catch (IOException e) {
            throw new ClientFailure.Input("the payload is not valid JSON: " + firstLine(e.getMessage()));
        }
        return bytes;
    }

    private void printLog(String base64) {
        try {
            String text = new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
            err().print(text);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                err().println();
            }
        } catch (IllegalArgumentException e) {
            err().println("warning: X-Amz-Log-Result is not base64: " + e.getMessage());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
