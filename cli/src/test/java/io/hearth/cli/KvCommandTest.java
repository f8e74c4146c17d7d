package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.FakeLambdaApi.Reply;
import io.hearth.cli.FakeLambdaApi.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KvCommandTest {
    FakeLambdaApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeLambdaApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static Reply value(String body, long version) {
        return new Reply(200, Map.of("Content-Type", "application/octet-stream",
                "Hearth-Kv-Version", Long.toString(version)), body);
    }

    @Test
    void getPrintsTheValueOfAFunctionsKey() {
        api.reply(value("{\"usd\":1.08}", 4));

        Cli.Result result = Cli.run("kv", "get", "rates/eur", "--function", "pricer", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("{\"usd\":1.08}\n");
        assertThat(result.err()).isEmpty();
        Request request = api.only();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.uri()).isEqualTo("/hearth/v1/kv/function:pricer/rates%2Feur");
    }

    @Test
    void getInASharedNamespaceKeepsAValueEndingInANewlineAsItIs() {
        api.reply(value("line one\nline two\n", 1));

        Cli.Result result = Cli.run("kv", "get", "a key", "--namespace", "prices", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("line one\nline two\n");
        assertThat(api.only().uri()).isEqualTo("/hearth/v1/kv/shared:prices/a%20key");
    }

    @Test
    void getPrintsABinaryValueAsBase64WithANote() {
        api.reply(new Reply(200, Map.of("Hearth-Kv-Version", "1"), new byte[] {(byte) 0xff, 0, 1}));

        Cli.Result result = Cli.run("kv", "get", "blob", "--namespace", "bin", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("/wAB\n");
        assertThat(result.err()).isEqualTo("note: the value is not UTF-8 text; printed as base64\n");
    }

    @Test
    void aMissingKeyExitsOneWithTheServersMessage() {
        api.reply(FakeLambdaApi.Reply.error(404, "ResourceNotFoundException",
                "Key not found: nope in namespace function:pricer"));

        Cli.Result result = Cli.run("kv", "get", "nope", "--function", "pricer", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(
                "error: ResourceNotFoundException: Key not found: nope in namespace function:pricer\n");
    }

    @Test
    void otherGetFailuresKeepTheirExitCode() {
        api.reply(FakeLambdaApi.Reply.error(400, "InvalidParameterValueException", "Namespace 'bad!' must match"))
                .reply(FakeLambdaApi.Reply.error(404, "UnknownOperationException", "No operation matches"));

        Cli.Result refused = Cli.run("kv", "get", "k", "--namespace", "bad!", "--endpoint", api.endpoint());
        Cli.Result noRoute = Cli.run("kv", "get", "k", "--namespace", "ok", "--endpoint", api.endpoint());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("error: InvalidParameterValueException: Namespace 'bad!' must match\n");
        assertThat(noRoute.exit()).as("a missing route is not a missing key").isEqualTo(2);
    }

    @Test
    void putSendsTheArgumentAndPrintsTheVersion() {
        api.reply(Reply.json(200, "{\"version\":7}"));

        Cli.Result result = Cli.run("kv", "put", "greeting", "héllo", "--function", "fn", "--endpoint",
                api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("7\n");
        Request request = api.only();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.uri()).isEqualTo("/hearth/v1/kv/function:fn/greeting");
        assertThat(request.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(request.body()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void putWithDashSendsStdinByteForByte() {
        byte[] binary = {0, (byte) 0xff, '\n', (byte) 0xc3};
        api.reply(Reply.json(200, "{\"version\":1}"));

        Cli.Result result = Cli.run(binary, Map.of(), "kv", "put", "blob", "-", "--namespace", "bin",
                "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(api.only().body()).isEqualTo(binary);
        assertThat(result.out()).isEqualTo("1\n");
    }

    @Test
    void putRefusedAsTooLargeIsAnError() {
        api.reply(Reply.error(413, "RequestTooLargeException", "Request must be smaller than 409600 bytes"));

        Cli.Result result = Cli.run("kv", "put", "k", "v", "--function", "fn", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: RequestTooLargeException: Request must be smaller than 409600 bytes\n");
    }

    @Test
    void putWithAnAnswerWithoutAVersionIsAnError() {
        api.reply(Reply.json(200, "{\"ok\":true}"));

        Cli.Result result = Cli.run("kv", "put", "k", "v", "--function", "fn", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: InvalidResponse: expected {\"version\":N}");
    }

    @Test
    void rmDeletesAndPrintsTheNewVersion() {
        api.reply(Reply.json(200, "{\"version\":3}"));

        Cli.Result result = Cli.run("kv", "rm", "a/b", "--namespace", "shared-1", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("deleted a/b (version 3)\n");
        assertThat(api.only().method()).isEqualTo("DELETE");
        assertThat(api.only().uri()).isEqualTo("/hearth/v1/kv/shared:shared-1/a%2Fb");
    }

    @Test
    void rmOfAMissingKeyIsAnError() {
        api.reply(Reply.error(404, "ResourceNotFoundException", "Key not found: k in namespace function:fn"));

        Cli.Result result = Cli.run("kv", "rm", "k", "--function", "fn", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ResourceNotFoundException: Key not found");
    }

    @Test
    void lsFollowsNextAndPrintsATable() {
        api.reply(Reply.json(200, "{\"items\":[{\"key\":\"user/1\",\"version\":2,\"value\":\"{\\\"n\\\":1}\"},"
                        + "{\"key\":\"user/2\",\"version\":1,\"value\":\"two\\nlines\\u0001\"}],\"next\":\"user/2\"}"))
                .reply(Reply.json(200, "{\"items\":[{\"key\":\"user/3\",\"version\":10,\"value\":\"/wAB\","
                        + "\"encoding\":\"base64\"},{\"key\":\"user/4\",\"version\":1,\"value\":\"" + "x".repeat(70)
                        + "\"}],\"next\":null}"));

        Cli.Result result = Cli.run("kv", "ls", "user/", "--function", "fn", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(api.requests()).extracting(Request::uri).containsExactly(
                "/hearth/v1/kv/function:fn?limit=1000&prefix=user%2F",
                "/hearth/v1/kv/function:fn?limit=1000&prefix=user%2F&after=user%2F2");
        assertThat(result.out()).isEqualTo("KEY     VERSION  VALUE\n"
                + "user/1  2        {\"n\":1}\n"
                + "user/2  1        two\\nlines\\u0001\n"
                + "user/3  10       base64:/wAB\n"
                + "user/4  1        " + "x".repeat(60) + "…\n");
    }

    @Test
    void lsOfAnEmptyNamespacePrintsTheHeader() {
        api.reply(Reply.json(200, "{\"items\":[],\"next\":null}"));

        Cli.Result result = Cli.run("kv", "ls", "--namespace", "empty", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(api.only().uri()).isEqualTo("/hearth/v1/kv/shared:empty?limit=1000");
        assertThat(result.out()).isEqualTo("KEY  VERSION  VALUE\n");
    }

    @Test
    void lsStopsWhenTheServerRepeatsNext() {
        String page = "{\"items\":[],\"next\":\"k\"}";
        api.reply(Reply.json(200, page)).reply(Reply.json(200, page));

        Cli.Result result = Cli.run("kv", "ls", "--namespace", "loop", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("the server repeated next 'k'");
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void exactlyOneNamespaceOptionIsRequired() {
        Cli.Result none = Cli.run("kv", "get", "k", "--endpoint", api.endpoint());
        Cli.Result both = Cli.run("kv", "put", "k", "v", "--function", "f", "--namespace", "n", "--endpoint",
                api.endpoint());
        Cli.Result noKey = Cli.run("kv", "rm", "--function", "f", "--endpoint", api.endpoint());
        Cli.Result noValue = Cli.run("kv", "put", "k", "--function", "f", "--endpoint", api.endpoint());

        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required argument").contains("--function=F")
                .contains("--namespace=NS");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("KEY");
        assertThat(noValue.exit()).isEqualTo(2);
        assertThat(noValue.err()).contains("VALUE|-");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void kvAloneShowsItsUsage() {
        Cli.Result result = Cli.run("kv");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Usage: hearth kv").contains("get").contains("put").contains("rm")
                .contains("ls");
    }
}
