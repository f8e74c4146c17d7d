package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
}
