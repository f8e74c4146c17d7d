package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.cli.FakeLambdaApi.Reply;
import io.hearth.cli.FakeLambdaApi.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            {"FunctionName":"hello","FunctionArn":"arn:aws:lambda:us-east-1:000000000000:function:hello",
             "CodeSha256":"c2hhMjU2","State":"Active","LastUpdateStatus":"Successful"}""";

    @TempDir
    Path tmp;
    FakeLambdaApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeLambdaApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Path functionDir() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("hello"));
        Files.writeString(dir.resolve("bootstrap"), "#!/bin/sh\nexec echo hi\n");
        Files.setPosixFilePermissions(dir.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("app.py"), "def handler(event, context):\n    return event\n");
        Files.setPosixFilePermissions(dir.resolve("app.py"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectory(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/util.py"), "X = 1\n");
        Files.setPosixFilePermissions(dir.resolve("lib/util.py"), PosixFilePermissions.fromString("rw-r-----"));
        return dir;
    }

    @Test
    void createsFunctionFromDirectoryKeepingExecutableBits() throws IOException {
        api.reply(Reply.json(201, CONFIG));
        Path dir = functionDir();

        Cli.Result result = Cli.run("deploy", "hello", dir.toString(), "--runtime", "python3.12",
                "--handler", "app.handler", "--timeout", "30", "--memory", "256", "--env", "A=1",
                "--env", "B=x=y", "--description", "says hi", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        Request request = api.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/2015-03-31/functions");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("FunctionName").asText()).isEqualTo("hello");
        assertThat(body.get("Runtime").asText()).isEqualTo("python3.12");
        assertThat(body.get("Handler").asText()).isEqualTo("app.handler");
        assertThat(body.has("Role")).isFalse();
        assertThat(body.get("Timeout").asInt()).isEqualTo(30);
        assertThat(body.get("MemorySize").asInt()).isEqualTo(256);
        assertThat(body.get("Description").asText()).isEqualTo("says hi");
        assertThat(body.at("/Environment/Variables").toString()).isEqualTo("{\"A\":\"1\",\"B\":\"x=y\"}");

        byte[] zip = Base64.getDecoder().decode(body.at("/Code/ZipFile").asText());
        Map<String, ZipContents.Item> items = ZipContents.read(zip);
        assertThat(items.keySet()).containsExactly("app.py", "bootstrap", "lib/", "lib/util.py");
        assertThat(items.get("bootstrap").permissions()).isEqualTo(0755);
        assertThat(items.get("bootstrap").unixMode() & 0170000).isEqualTo(0100000);
        assertThat(items.get("bootstrap").unixPlatform()).isTrue();
        assertThat(items.get("bootstrap").text()).isEqualTo("#!/bin/sh\nexec echo hi\n");
        assertThat(items.get("app.py").permissions()).isEqualTo(0644);
        assertThat(items.get("lib/util.py").permissions()).isEqualTo(0640);
        assertThat(items.get("lib/util.py").text()).isEqualTo("X = 1\n");
        assertThat(items.get("lib/").directory()).isTrue();

        assertThat(result.out()).isEqualTo("""
                created hello
                FunctionArn: arn:aws:lambda:us-east-1:000000000000:function:hello
                CodeSha256:  c2hhMjU2
                State:       Active
                """);
    }

    @Test
    void sendsOnlyTheOptionsGiven() throws IOException {
        api.reply(Reply.json(201, CONFIG));

        Cli.Result result = Cli.run("deploy", "hello", functionDir().toString(), "--runtime", "provided.al2023",
                "--handler", "bootstrap", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode body = JSON.readTree(api.only().body());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("FunctionName", "Runtime", "Handler", "Code");
    }

    @Test
    void existingFunctionIsUpdatedCodeThenConfiguration() throws IOException {
        api.reply(Reply.error(409, "ResourceConflictException", "Function already exist: hello"))
                .reply(Reply.json(200, CONFIG))
                .reply(Reply.json(200, CONFIG.replace("c2hhMjU2", "bmV3")));

        Cli.Result result = Cli.run("deploy", "hello", functionDir().toString(), "--runtime", "python3.12",
                "--handler", "app.handler", "--memory", "512", "--env", "A=2", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        List<Request> requests = api.requests();
        assertThat(requests).extracting(Request::method).containsExactly("POST", "PUT", "PUT");
        assertThat(requests).extracting(Request::uri).containsExactly("/2015-03-31/functions",
                "/2015-03-31/functions/hello/code", "/2015-03-31/functions/hello/configuration");
        JsonNode create = JSON.readTree(requests.get(0).body());
        JsonNode code = JSON.readTree(requests.get(1).body());
        assertThat(code.get("ZipFile").asText()).isEqualTo(create.at("/Code/ZipFile").asText());
        assertThat(code.size()).isEqualTo(1);
        JsonNode config = JSON.readTree(requests.get(2).body());
        assertThat(config.toString()).isEqualTo(
                "{\"Runtime\":\"python3.12\",\"Handler\":\"app.handler\",\"MemorySize\":512,"
                        + "\"Environment\":{\"Variables\":{\"A\":\"2\"}}}");
        assertThat(result.out()).startsWith("updated hello\n").contains("CodeSha256:  bmV3");
    }

    @Test
    void uploadsAZipFileAsItIs() throws Exception {
        byte[] zip = CodePackage.zipDirectory(functionDir());
        Path file = Files.write(tmp.resolve("hello.zip"), zip);
        api.reply(Reply.json(201, CONFIG));

        Cli.Result result = Cli.run("deploy", "hello", file.toString(), "--runtime", "python3.12",
                "--handler", "app.handler", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        String sent = JSON.readTree(api.only().body()).at("/Code/ZipFile").asText();
        assertThat(Base64.getDecoder().decode(sent)).isEqualTo(zip);
    }

    @Test
    void otherCreateErrorsAreReportedWithoutUpdating() throws IOException {
        api.reply(Reply.error(400, "InvalidParameterValueException", "Value 5 at 'memorySize' failed"));

        Cli.Result result = Cli.run("deploy", "hello", functionDir().toString(), "--runtime", "python3.12",
                "--handler", "app.handler", "--memory", "5", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: InvalidParameterValueException: Value 5 at 'memorySize' failed\n");
        assertThat(result.out()).isEmpty();
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void updateFailureAfterConflictIsReported() throws IOException {
        api.reply(Reply.error(409, "ResourceConflictException", "exists"))
                .reply(Reply.error(412, "PreconditionFailedException", "revision mismatch"));

        Cli.Result result = Cli.run("deploy", "hello", functionDir().toString(), "--runtime", "python3.12",
                "--handler", "app.handler", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: PreconditionFailedException: revision mismatch\n");
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void missingSourceIsRefusedBeforeAnyRequest() {
        Cli.Result result = Cli.run("deploy", "hello", tmp.resolve("nope").toString(), "--runtime", "python3.12",
                "--handler", "app.handler", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: no such directory or zip file: ");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void fileThatIsNotAZipIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("app.py"), "print(1)\n");

        Cli.Result result = Cli.run("deploy", "hello", file.toString(), "--runtime", "python3.12",
                "--handler", "app.handler", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("is not a zip file");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void directoryWithoutFilesIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty/sub"));

        Cli.Result result = Cli.run("deploy", "hello", dir.getParent().toString(), "--runtime", "python3.12",
                "--handler", "app.handler", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("contains no files");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void brokenSymlinkIsRefused() throws IOException {
        Path dir = functionDir();
        Files.createSymbolicLink(dir.resolve("dangling"), tmp.resolve("missing"));

        Cli.Result result = Cli.run("deploy", "hello", dir.toString(), "--runtime", "python3.12",
                "--handler", "app.handler", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("dangling").contains("not a regular file");
    }

    @Test
    void badUsageIsRefused() throws IOException {
        String dir = functionDir().toString();

        Cli.Result noRuntime = Cli.run("deploy", "hello", dir, "--handler", "h", "--endpoint", api.endpoint());
        Cli.Result badEnv = Cli.run("deploy", "hello", dir, "--runtime", "python3.12", "--handler", "h",
                "--env", "NOEQUALS", "--endpoint", api.endpoint());
        Cli.Result badTimeout = Cli.run("deploy", "hello", dir, "--runtime", "python3.12", "--handler", "h",
                "--timeout", "soon", "--endpoint", api.endpoint());

        assertThat(noRuntime.exit()).isEqualTo(2);
        assertThat(noRuntime.err()).contains("Missing required option: '--runtime=R'");
        assertThat(badEnv.exit()).isEqualTo(2);
        assertThat(badEnv.err()).contains("KEY=VALUE");
        assertThat(badTimeout.exit()).isEqualTo(2);
        assertThat(badTimeout.err()).contains("'soon'");
        assertThat(api.requests()).isEmpty();
    }
}
