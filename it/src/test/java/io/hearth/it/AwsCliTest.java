package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI v2, unchanged, against a real node: the tour a user takes. */
class AwsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static RunningHearth hearth;
    static AwsCli aws;

    @BeforeAll
    static void start() {
        hearth = new RunningHearth(data);
        aws = AwsCli.against(hearth.endpoint());
    }

    @AfterAll
    static void stop() {
        if (hearth != null) hearth.close();
    }

    @Test
    void createInvokeWithTailGetListDelete() throws Exception {
        Path zip = work.resolve("hello.zip");
        Files.write(zip, Zips.bytes(Map.of("app.py",
                "def handler(event, context):\n    print('hi from cli test')\n    return {'hello': event.get('name')}\n")));
        var created = aws.run("lambda", "create-function", "--function-name", "cli-hello", "--runtime", "python3.12",
                "--handler", "app.handler", "--role", "arn:aws:iam::123456789012:role/x",
                "--zip-file", "fileb://" + zip);
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(JSON.readTree(created.out()).get("State").asText()).isEqualTo("Active");

        var wait = aws.run("lambda", "wait", "function-active-v2", "--function-name", "cli-hello");
        assertThat(wait.exit()).as(wait.err()).isZero();

        Path out = work.resolve("out.json");
        var invoked = aws.run("lambda", "invoke", "--function-name", "cli-hello", "--cli-binary-format",
                "raw-in-base64-out", "--payload", "{\"name\":\"tour\"}", "--log-type", "Tail", out.toString());
        assertThat(invoked.exit()).as(invoked.err()).isZero();
        var meta = JSON.readTree(invoked.out());
        assertThat(meta.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(meta.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(new String(Base64.getDecoder().decode(meta.get("LogResult").asText()), StandardCharsets.UTF_8))
                .contains("hi from cli test", "REPORT RequestId:");
        assertThat(Files.readString(out)).isEqualTo("{\"hello\": \"tour\"}");

        var got = aws.run("lambda", "get-function", "--function-name", "cli-hello");
        assertThat(got.exit()).as(got.err()).isZero();
        assertThat(JSON.readTree(got.out()).get("Configuration").get("Runtime").asText()).isEqualTo("python3.12");

        var listed = aws.run("lambda", "list-functions");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("cli-hello");

        var deleted = aws.run("lambda", "delete-function", "--function-name", "cli-hello");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        var missing = aws.run("lambda", "get-function", "--function-name", "cli-hello");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("ResourceNotFoundException");
    }

    @Test
    void functionErrorAndBadPayloadThroughTheCli() throws Exception {
        Path zip = work.resolve("err.zip");
        Files.write(zip, Zips.bytes(Map.of("app.py", "def handler(e, c):\n    raise KeyError('missing')\n")));
        assertThat(aws.run("lambda", "create-function", "--function-name", "cli-err", "--runtime", "python3.11",
                "--handler", "app.handler", "--role", "r", "--zip-file", "fileb://" + zip).exit()).isZero();
        Path out = work.resolve("err.json");
        var r = aws.run("lambda", "invoke", "--function-name", "cli-err", out.toString());
        assertThat(r.exit()).isZero();
        assertThat(JSON.readTree(r.out()).get("FunctionError").asText()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(Files.readString(out)).get("errorType").asText()).isEqualTo("KeyError");

        var bad = aws.run("lambda", "invoke", "--function-name", "cli-err", "--cli-binary-format", "raw-in-base64-out",
                "--payload", "{oops", out.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("InvalidRequestContentException");
    }

    @Test
    void versionsAliasesAndConcurrencyThroughTheCli() throws Exception {
        Path one = work.resolve("ver1.zip");
        Path two = work.resolve("ver2.zip");
        Files.write(one, Zips.bytes(Map.of("app.py", "def handler(e, c):\n    return 'one'\n")));
        Files.write(two, Zips.bytes(Map.of("app.py", "def handler(e, c):\n    return 'two'\n")));
        var created = ok(aws.run("lambda", "create-function", "--function-name", "cli-ver", "--runtime", "python3.12",
                "--handler", "app.handler", "--role", "r", "--zip-file", "fileb://" + one, "--publish"));
        assertThat(created.get("Version").asText()).isEqualTo("1");
        var updated = ok(aws.run("lambda", "update-function-code", "--function-name", "cli-ver", "--zip-file",
                "fileb://" + two, "--publish"));
        assertThat(updated.get("Version").asText()).isEqualTo("2");
        var versions = ok(aws.run("lambda", "list-versions-by-function", "--function-name", "cli-ver"));
        assertThat(versions.get("Versions").findValuesAsText("Version")).containsExactly("$LATEST", "1", "2");

        // an alias with a weighted second version; qualifiers in both forms
        var alias = ok(aws.run("lambda", "create-alias", "--function-name", "cli-ver", "--name", "live",
                "--function-version", "1", "--routing-config", "{\"AdditionalVersionWeights\":{\"2\":0.5}}"));
        assertThat(alias.get("RoutingConfig").get("AdditionalVersionWeights").get("2").asDouble()).isEqualTo(0.5);
        assertThat(ok(aws.run("lambda", "get-alias", "--function-name", "cli-ver", "--name", "live"))
                .get("FunctionVersion").asText()).isEqualTo("1");
        assertThat(invokedVersion("--function-name", "cli-ver", "--qualifier", "live")).isIn("1", "2");
        assertThat(invokedVersion("--function-name", "cli-ver:1")).isEqualTo("1");
        ok(aws.run("lambda", "update-alias", "--function-name", "cli-ver", "--name", "live", "--function-version", "2",
                "--routing-config", "{\"AdditionalVersionWeights\":{}}"));
        assertThat(invokedVersion("--function-name", "cli-ver", "--qualifier", "live")).isEqualTo("2");
        assertThat(ok(aws.run("lambda", "list-aliases", "--function-name", "cli-ver")).get("Aliases")
                .findValuesAsText("Name")).containsExactly("live");

        // bad input: an alias named like a number, weight > 1, a stale revision, an unknown version
        assertThat(failed(aws.run("lambda", "create-alias", "--function-name", "cli-ver", "--name", "42",
                "--function-version", "1"))).contains("InvalidParameterValueException");
        assertThat(failed(aws.run("lambda", "create-alias", "--function-name", "cli-ver", "--name", "heavy",
                "--function-version", "1", "--routing-config", "{\"AdditionalVersionWeights\":{\"2\":1.5}}")))
                .contains("InvalidParameterValueException");
        assertThat(failed(aws.run("lambda", "update-function-code", "--function-name", "cli-ver", "--zip-file",
                "fileb://" + one, "--revision-id", "stale-revision"))).contains("PreconditionFailedException");
        assertThat(failed(aws.run("lambda", "invoke", "--function-name", "cli-ver", "--qualifier", "9",
                work.resolve("none.json").toString()))).contains("ResourceNotFoundException");

        // reserved and provisioned concurrency, account settings
        assertThat(ok(aws.run("lambda", "put-function-concurrency", "--function-name", "cli-ver",
                "--reserved-concurrent-executions", "5")).get("ReservedConcurrentExecutions").asInt()).isEqualTo(5);
        assertThat(ok(aws.run("lambda", "get-function-concurrency", "--function-name", "cli-ver"))
                .get("ReservedConcurrentExecutions").asInt()).isEqualTo(5);
        var put = ok(aws.run("lambda", "put-provisioned-concurrency-config", "--function-name", "cli-ver",
                "--qualifier", "live", "--provisioned-concurrent-executions", "1"));
        assertThat(put.get("Status").asText()).isIn("IN_PROGRESS", "READY");
        String status = put.get("Status").asText();
        for (long deadline = System.nanoTime() + 60_000_000_000L; !status.equals("READY"); Thread.sleep(100)) {
            assertThat(status).isEqualTo("IN_PROGRESS");
            assertThat(System.nanoTime()).as("READY within 60 s").isLessThan(deadline);
            status = ok(aws.run("lambda", "get-provisioned-concurrency-config", "--function-name", "cli-ver",
                    "--qualifier", "live")).get("Status").asText();
        }
        var account = ok(aws.run("lambda", "get-account-settings"));
        assertThat(account.get("AccountLimit").get("ConcurrentExecutions").asInt()).isPositive();
        assertThat(failed(aws.run("lambda", "put-provisioned-concurrency-config", "--function-name", "cli-ver",
                "--qualifier", "$LATEST", "--provisioned-concurrent-executions", "1")))
                .contains("InvalidParameterValueException");
        assertThat(aws.run("lambda", "delete-provisioned-concurrency-config", "--function-name", "cli-ver",
                "--qualifier", "live").exit()).isZero();
        assertThat(aws.run("lambda", "delete-function-concurrency", "--function-name", "cli-ver").exit()).isZero();
        assertThat(aws.run("lambda", "delete-alias", "--function-name", "cli-ver", "--name", "live").exit()).isZero();
        assertThat(aws.run("lambda", "delete-function", "--function-name", "cli-ver", "--qualifier", "1").exit())
                .isZero();
        assertThat(ok(aws.run("lambda", "list-versions-by-function", "--function-name", "cli-ver")).get("Versions")
                .findValuesAsText("Version")).containsExactly("$LATEST", "2");
    }

    private String invokedVersion(String... target) throws Exception {
        var args = new ArrayList<>(List.of("lambda", "invoke"));
        args.addAll(List.of(target));
        args.add(work.resolve("version.json").toString());
        return ok(aws.run(args.toArray(String[]::new))).get("ExecutedVersion").asText();
    }

    private static JsonNode ok(AwsCli.Result r) throws Exception {
        assertThat(r.exit()).as("aws exit status; stderr: %s", r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static String failed(AwsCli.Result r) {
        assertThat(r.exit()).as("aws should fail; stdout: %s", r.out()).isNotZero();
        return r.err();
    }
}
