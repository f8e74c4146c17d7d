package io.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth deploy}: CreateFunction, or when the function exists (ResourceConflictException)
 * UpdateFunctionCode followed by UpdateFunctionConfiguration. Options left out are left out of
 * the requests too, so an update keeps the function's current timeout, memory, environment and
 * description. No Role is sent: Hearth has no IAM and does not require one. The idempotency
 * options ({@link IdempotencyTagOptions}) then set or remove the function's {@code hearth:} tags.
 */
@Command(name = "deploy", sortOptions = false,
        description = "Create a function, or update its code and configuration if it exists.")
final class DeployCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Function name.")
    String name;

    @Parameters(index = "1", paramLabel = "DIR|ZIP",
            description = "Directory to zip (permission bits kept), or a .zip or .jar file to upload as it is.")
    Path source;

    @Option(names = "--runtime", required = true, paramLabel = "R",
            description = "Runtime, e.g. python3.12, nodejs20.x, java21, provided.al2023.")
    String runtime;

    @Option(names = "--handler", required = true, paramLabel = "H",
            description = "Handler, e.g. app.handler (python), index.handler (node), example.Hello or "
                    + "example.Hello::handleRequest (java), bootstrap (provided).")
    String handler;

    @Option(names = "--timeout", paramLabel = "S", description = "Timeout in seconds (1-900; server default 3).")
    Integer timeout;

    @Option(names = "--memory", paramLabel = "MB", description = "Memory size in MB (128-10240; server default 128).")
    Integer memory;

    @Option(names = "--env", paramLabel = "K=V", description = "Environment variable; repeat for several.")
    Map<String, String> environment;

    @Option(names = "--description", paramLabel = "D", description = "Description.")
    String description;

    @Mixin
    IdempotencyTagOptions idempotency;

    @Override
    int run(HearthClient client) throws ClientFailure {
        Map<String, String> tags = idempotency.tags();
        String zip = Base64.getEncoder().encodeToString(CodePackage.of(source));
        ObjectNode create = configuration();
        create.put("FunctionName", name);
        create.putObject("Code").put("ZipFile", zip);
        JsonNode result;
        String verb;
        try {
            result = client.createFunction(create);
            verb = "created";
        } catch (ClientFailure.Api e) {
            if (!"ResourceConflictException".equals(e.type())) {
                throw e;
            }
            ObjectNode code = Json.object();
            code.put("ZipFile", zip);
            client.updateFunctionCode(name, code);
            result = client.updateFunctionConfiguration(name, configuration());
            verb = "updated";
        }
        out().println(verb + " " + Json.text(result, "FunctionName", name));
        out().println("FunctionArn: " + Json.text(result, "FunctionArn", "-"));
        out().println("CodeSha256:  " + Json.text(result, "CodeSha256", "-"));
        out().println("State:       " + Json.text(result, "State", "-"));
        if (!tags.isEmpty() || idempotency.removing()) {
            retag(client, result, tags);
        }
        return 0;
    }

    /** Sets {@code tags}, or removes the idempotency tags for {@code --no-idempotent}. */
    private void retag(HearthClient client, JsonNode result, Map<String, String> tags) throws ClientFailure {
        String arn = Json.text(result, "FunctionArn", null);
        if (arn == null) {
            throw new ClientFailure.Api(200, "InvalidResponse",
                    "the server's answer has no FunctionArn, so the function's tags cannot be set");
        }
        if (idempotency.removing()) {
            client.untagResource(arn, IdempotencyTagOptions.ALL);
            out().println("Untagged:    " + String.join(" ", IdempotencyTagOptions.ALL));
        } else {
            client.tagResource(arn, tags);
            StringBuilder shown = new StringBuilder();
            tags.forEach((k, v) -> shown.append(shown.isEmpty() ? "" : " ").append(k).append('=').append(v));
            out().println("Tagged:      " + shown);
        }
    }

    /** The configuration fields shared by CreateFunction and UpdateFunctionConfiguration. */
    private ObjectNode configuration() {
        ObjectNode config = Json.object();
        config.put("Runtime", runtime);
        config.put("Handler", handler);
        if (timeout != null) {
            config.put("Timeout", timeout);
        }
        if (memory != null) {
            config.put("MemorySize", memory);
        }
        if (description != null) {
            config.put("Description", description);
        }
        if (environment != null) {
            ObjectNode variables = config.putObject("Environment").putObject("Variables");
            environment.forEach(variables::put);
        }
        return config;
    }
}
