package io.hearth.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.CodeRef;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Invocation;
import io.hearth.model.Runtime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: the official Java runtime interface client posts a failed invocation with its stack
 * trace in {@code Lambda-Runtime-Function-XRay-Error-Cause} (up to 1 MiB) and exits unless
 * answered 202; a deep stack must not be refused for its header size.
 */
class LargeErrorCauseHeaderTest {
    private static final String CAUSE = "Lambda-Runtime-Function-XRay-Error-Cause";
    private final RuntimeApiServer server = RuntimeApiServer.start("127.0.0.1", 0);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        server.close();
    }

    private static Invocation invocation(String id) {
        var config = new FunctionConfig(Runtime.PROVIDED_AL2023, "example.Hello", 3, 128, Map.of(), "");
        var version = new FunctionVersion("fn", "$LATEST", config, new CodeRef("0".repeat(64), 1), "rev", Instant.EPOCH);
        return new Invocation(id, version, "arn:aws:lambda:us-east-1:000000000000:function:fn",
                "{}".getBytes(StandardCharsets.UTF_8), Long.MAX_VALUE, "Root=1-abc", null, null);
    }

    private HttpResponse<String> next(RuntimeSession s) throws Exception {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://" + s.apiAddress()
                + "/2018-06-01/runtime/invocation/next")).GET().build(), HttpResponse.BodyHandlers.ofString())
                .get(5, TimeUnit.SECONDS);
    }

    private HttpResponse<String> postError(RuntimeSession s, String id, int causeBytes) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://" + s.apiAddress() + "/2018-06-01/runtime/invocation/"
                        + id + "/error"))
                .header("Lambda-Runtime-Function-Error-Type", "Runtime.UserException")
                .header(CAUSE, "{\"exceptions\":[{\"stack\":[" + "x".repeat(causeBytes - 25) + "]}]}")
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorMessage\":\"deep\",\"errorType\":\"java.lang.StackOverflowError\"}"))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anErrorWithA1MiBCauseHeaderIsAccepted() throws Exception {
        var s = server.open("fn");
        var reply = s.deliver(invocation("req-1"));
        assertThat(next(s).statusCode()).isEqualTo(200);
        var posted = postError(s, "req-1", 1024 * 1024);
        assertThat(posted.statusCode()).isEqualTo(202);
        var r = reply.get(5, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(RuntimeReply.Error.class);
        assertThat(((RuntimeReply.Error) r).errorType()).isEqualTo("Runtime.UserException");
        assertThat(new String(((RuntimeReply.Error) r).body(), StandardCharsets.UTF_8)).contains("StackOverflowError");

        var second = s.deliver(invocation("req-2"));
        assertThat(next(s).headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-2");
        assertThat(postError(s, "req-2", 9 * 1024).statusCode()).isEqualTo(202);
        assertThat(second.get(5, TimeUnit.SECONDS)).isInstanceOf(RuntimeReply.Error.class);
    }

    @Test
    void aHeaderBlockBeyondTheLimitIsRefusedAndTheInvocationStaysOpen() throws Exception {
        var s = server.open("fn");
        var reply = s.deliver(invocation("req-1"));
        next(s);
        var refused = postError(s, "req-1", RuntimeApiServer.MAX_REQUEST_HEADER_BYTES + 1);
        assertThat(refused.statusCode()).isEqualTo(431);
        assertThat(reply).isNotDone();
        assertThat(postError(s, "req-1", 100).statusCode()).isEqualTo(202);
        assertThat(reply.get(5, TimeUnit.SECONDS)).isInstanceOf(RuntimeReply.Error.class);
    }
}
