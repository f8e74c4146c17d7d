package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.FakeLambdaApi.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorReportingTest {

    @Test
    void refusedConnectionExitsThree() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;

        Cli.Result result = Cli.run("ls", "--endpoint", endpoint);

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("error: cannot reach Hearth at " + endpoint + " (is `hearth server` running?)\n");
    }

    @Test
    void connectionClosedWithoutAnswerExitsThree() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread closer = Thread.ofVirtual().start(() -> {
                try (Socket client = socket.accept()) {
                    client.getInputStream().read();
                } catch (IOException ignored) {
                    // the test only needs the connection dropped
                }
            });
            String endpoint = "http://127.0.0.1:" + socket.getLocalPort();

            Cli.Result result = Cli.run("rm", "hello", "--endpoint", endpoint);

            closer.join();
            assertThat(result.exit()).isEqualTo(3);
            assertThat(result.err()).startsWith("error: request to Hearth at " + endpoint + " failed: ");
        }
    }

    @Test
    void errorTypeIsReadFromHeaderWithoutItsSuffix() throws IOException {
        try (FakeLambdaApi api = new FakeLambdaApi()) {
            api.reply(new Reply(404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/"),
                    "{\"message\":\"Function not found\"}"));

            Cli.Result result = Cli.run("rm", "x", "--endpoint", api.endpoint());

            assertThat(result.err()).isEqualTo("error: ResourceNotFoundException: Function not found\n");
        }
    }

    @Test
    void errorTypeAndMessageFallBackToTheBody() throws IOException {
        try (FakeLambdaApi api = new FakeLambdaApi()) {
            api.reply(new Reply(429, Map.of(),
                    "{\"__type\":\"com.amazonaws#TooManyRequestsException\",\"Message\":\"Rate exceeded\"}"));

            Cli.Result result = Cli.run("invoke", "x", "--endpoint", api.endpoint());

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("error: TooManyRequestsException: Rate exceeded\n");
        }
    }

    @Test
    void messageHeaderWins() throws IOException {
        try (FakeLambdaApi api = new FakeLambdaApi()) {
            api.reply(new Reply(400, Map.of("x-amzn-ErrorType", "InvalidParameterValueException",
                    "x-amzn-error-message", "from the header"), "{\"message\":\"from the body\"}"));

            Cli.Result result = Cli.run("rm", "x", "--endpoint", api.endpoint());

            assertThat(result.err()).isEqualTo("error: InvalidParameterValueException: from the header\n");
        }
    }

    @Test
    void untypedErrorsShowTheStatusAndBody() throws IOException {
        try (FakeLambdaApi api = new FakeLambdaApi()) {
            api.reply(new Reply(502, Map.of(), "Bad Gateway"))
                    .reply(new Reply(503, Map.of(), ""));

            Cli.Result withBody = Cli.run("ls", "--endpoint", api.endpoint());
            Cli.Result empty = Cli.run("ls", "--endpoint", api.endpoint());

            assertThat(withBody.exit()).isEqualTo(2);
            assertThat(withBody.err()).isEqualTo("error: HTTP 502: Bad Gateway\n");
            assertThat(empty.err()).isEqualTo("error: HTTP 503: the server answered 503 without a message\n");
        }
    }

    @Test
    void endpointComesFromTheEnvironmentWhenNotGiven() throws IOException {
        try (FakeLambdaApi api = new FakeLambdaApi()) {
            api.reply(Reply.json(200, "{\"Functions\":[]}"));

            Cli.Result result = Cli.run("", Map.of("HEARTH_ENDPOINT", api.endpoint() + "/"), "ls");

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(api.only().uri()).isEqualTo("/2015-03-31/functions");
        }
    }

    @Test
    void endpointResolution() throws ClientFailure.Input {
        EndpointOption option = new EndpointOption();
        assertThat(option.resolve(Map.of())).hasToString("http://127.0.0.1:4327");
        assertThat(option.resolve(Map.of("HEARTH_ENDPOINT", "https://faas.example:8443")))
                .hasToString("https://faas.example:8443");
        option.endpoint = "http://10.0.0.5:9000/";
        assertThat(option.resolve(Map.of("HEARTH_ENDPOINT", "https://faas.example:8443")))
                .hasToString("http://10.0.0.5:9000");
    }

    @Test
    void badEndpointsAreRefused() {
        for (String bad : new String[] {"localhost:4327", "ftp://h:21", "http://h:1/api", "http://", "http://h:1?x=1",
            "not a url"}) {
            Cli.Result result = Cli.run("ls", "--endpoint", bad);

            assertThat(result.exit()).as(bad).isEqualTo(2);
            assertThat(result.err()).as(bad).startsWith("error: invalid endpoint '" + bad + "'");
        }
    }
}
