package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.FakeLambdaApi.Reply;
import io.hearth.cli.FakeLambdaApi.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvokeCommandTest {
    FakeLambdaApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeLambdaApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void sendsThePayloadArgumentAndPrintsTheResponse() {
        api.reply(Reply.json(200, "{\"hello\":\"x\"}"));

        Cli.Result result = Cli.run("invoke", "hello", "{\"name\":\"x\"}", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("{\"hello\":\"x\"}\n");
        assertThat(result.err()).isEmpty();
        Request request = api.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/2015-03-31/functions/hello/invocations");
        assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
        assertThat(request.header("X-Amz-Log-Type")).isEqualTo("None");
        assertThat(request.text()).isEqualTo("{\"name\":\"x\"}");
    }

    @Test
    void defaultPayloadIsAnEmptyObject() {
        api.reply(Reply.json(200, "null"));

        Cli.Result result = Cli.run("invoke", "hello", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(api.only().text()).isEqualTo("{}");
        assertThat(result.out()).isEqualTo("null\n");
    }

    @Test
    void dashReadsThePayloadFromStdin() {
        api.reply(Reply.json(200, "1\n"));

        Cli.Result result = Cli.run("[1, 2, 3]\n", Map.of(), "invoke", "hello", "-", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(api.only().text()).isEqualTo("[1, 2, 3]\n");
        assertThat(result.out()).isEqualTo("1\n");
    }

    @Test
    void qualifiedNameIsPartOfThePath() {
        api.reply(Reply.json(200, "{}"));

        Cli.Result result = Cli.run("invoke", "hello:$LATEST", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(api.only().uri()).isEqualTo("/2015-03-31/functions/hello:$LATEST/invocations");
    }

    @Test
    void logOptionPrintsTheDecodedTailOnStderr() {
        String log = "START RequestId: r1\nhi from the function\nEND RequestId: r1\n";
        api.reply(new Reply(200, Map.of("X-Amz-Log-Result",
                Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8))), "\"ok\""));

        Cli.Result result = Cli.run("invoke", "hello", "{}", "--log", "--endpoint", api.endpoint());

        assertThat(result.exit()).isZero();
        assertThat(api.only().header("X-Amz-Log-Type")).isEqualTo("Tail");
        assertThat(result.out()).isEqualTo("\"ok\"\n");
        assertThat(result.err()).isEqualTo(log);
    }

    @Test
    void functionErrorPrintsTheBodyAndExitsOne() {
        String error = "{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\",\"stackTrace\":[]}";
        api.reply(new Reply(200, Map.of("X-Amz-Function-Error", "Unhandled"), error));

        Cli.Result result = Cli.run("invoke", "hello", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEqualTo(error + "\n");
    }

    @Test
    void eventInvocationPrintsTheRequestId() {
        api.reply(new Reply(202, Map.of(), ""));

        Cli.Result result = Cli.run("invoke", "hello", "{\"a\":1}", "--event", "--endpoint", api.endpoint());

        assertThat(result.exit()).as(result.err()).isZero();
        Request request = api.only();
        assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("Event");
        assertThat(request.text()).isEqualTo("{\"a\":1}");
        assertThat(result.out()).isEqualTo("req-1\n");
    }

    @Test
    void invalidJsonIsRefusedBeforeSending() {
        Cli.Result unquoted = Cli.run("invoke", "hello", "{name: x}", "--endpoint", api.endpoint());
        Cli.Result trailing = Cli.run("invoke", "hello", "{} {}", "--endpoint", api.endpoint());

        assertThat(unquoted.exit()).isEqualTo(2);
        assertThat(unquoted.err()).startsWith("error: the payload is not valid JSON: ").doesNotContain("\n\tat ");
        assertThat(trailing.exit()).isEqualTo(2);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void logAndEventTogetherAreRefused() {
        Cli.Result result = Cli.run("invoke", "hello", "--event", "--log", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--log cannot be combined with --event");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void unknownFunctionIsAnError() {
        api.reply(Reply.error(404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope"));

        Cli.Result result = Cli.run("invoke", "nope", "--endpoint", api.endpoint());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: ResourceNotFoundException: Function not found: "
                + "arn:aws:lambda:us-east-1:000000000000:function:nope\n");
    }
}
