package io.hearth.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API through real sockets, as a runtime would use it. */
class RuntimeApiServerTest {
    private final RuntimeApiServer server = RuntimeApiServer.start("127.0.0.1", 0);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private static Invocation invocation(String id, String payload) {
        var config = new FunctionConfig(Runtime.PYTHON_3_12, "app.handler", 3, 128, Map.of(), "");
        var version = new FunctionVersion("fn", "$LATEST", config, new CodeRef("0".repeat(64), 1), "rev", Instant.EPOCH);
        return new Invocation(id, version, "arn:aws:lambda:us-east-1:000000000000:function:fn",
                payload.getBytes(StandardCharsets.UTF_8), 1234567L, "Root=1-abc", "{\"custom\":{}}", null);
    }

    private CompletableFuture<HttpResponse<String>> next(RuntimeSession s) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://" + s.apiAddress()
                + "/2018-06-01/runtime/invocation/next")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RuntimeSession s, String path, String body, Map<String, String> headers)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://" + s.apiAddress() + "/2018-06-01/runtime/" + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void invocationDeliveredBeforeThePollIsAnsweredOnTheFirstNext() throws Exception {
        var s = server.open("fn");
        var reply = s.deliver(invocation("req-1", "{\"a\":1}"));
        var next = next(s).get(5, TimeUnit.SECONDS);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("{\"a\":1}");
        assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-1");
        assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms")).hasValue("1234567");
        assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                .hasValue("arn:aws:lambda:us-east-1:000000000000:function:fn");
        assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).hasValue("Root=1-abc");
        assertThat(next.headers().firstValue("Lambda-Runtime-Client-Context")).hasValue("{\"custom\":{}}");
        assertThat(s.firstPoll()).isDone();

        var posted = post(s, "invocation/req-1/response", "\"ok\"", Map.of());
        assertThat(posted.statusCode()).isEqualTo(202);
        var r = reply.get(5, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(RuntimeReply.Response.class);
        assertThat(new String(((RuntimeReply.Response) r).body(), StandardCharsets.UTF_8)).isEqualTo("\"ok\"");
    }

    @Test
    void anUnboundSessionIsBoundByAMarkedDocumentAndThenServesInvocations() throws Exception {
        var s = server.openUnbound();
        assertThat(s.functionName()).isNull();
        var poll = next(s);
        s.firstPoll().get(5, TimeUnit.SECONDS);
        var bound = s.bind("fn", invocation("bind-1", "{\"handler\":\"app.handler\"}"));
        var first = poll.get(5, TimeUnit.SECONDS);
        assertThat(first.headers().firstValue("Lambda-Runtime-Hearth-Binding")).hasValue("1");
        assertThat(first.body()).isEqualTo("{\"handler\":\"app.handler\"}");
        assertThat(s.functionName()).isEqualTo("fn");
        assertThat(post(s, "invocation/bind-1/response", "{}", Map.of()).statusCode()).isEqualTo(202);
        assertThat(bound.get(5, TimeUnit.SECONDS)).isInstanceOf(RuntimeReply.Response.class);

        var reply = s.deliver(invocation("req-1", "{}"));
        var second = next(s).get(5, TimeUnit.SECONDS);
        assertThat(second.headers().firstValue("Lambda-Runtime-Hearth-Binding")).isEmpty();
        assertThat(second.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-1");
        post(s, "invocation/req-1/response", "1", Map.of());
        assertThat(reply.get(5, TimeUnit.SECONDS)).isInstanceOf(RuntimeReply.Response.class);
    }

    @Test
    void aBindingTheRuntimeCannotLoadEndsAsAnInitError() throws Exception {
        var s = server.openUnbound();
        var bound = s.bind("fn", invocation("bind-1", "{}"));
        next(s).get(5, TimeUnit.SECONDS);
        post(s, "init/error", "{\"errorMessage\":\"no module\",\"errorType\":\"Runtime.ImportModuleError\"}",
                Map.of("Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError"));
        assertThat(bound.get(5, TimeUnit.SECONDS)).isInstanceOf(RuntimeReply.InitError.class);
    }

    @Test
    void anUnboundSessionHasNoKeyValueAccess() throws Exception {
        var s = server.openUnbound();
        var r = http.send(HttpRequest.newBuilder(URI.create("http://" + s.apiAddress() + "/hearth/v1/kv/k")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("not bound");
    }

    @Test
    void parkedPollIsAnsweredWhenWorkArrives() throws Exception {
        var s = server.open("fn");
        var next = next(s);
        s.firstPoll().get(5, TimeUnit.SECONDS);
        assertThat(next).isNotDone();
        var reply = s.deliver(invocation("req-2", "{}"));
        assertThat(next.get(5, TimeUnit.SECONDS).headers().firstValue("Lambda-Runtime-Aws-Request-Id"))
                .hasValue("req-2");
        var posted = post(s, "invocation/req-2/error", "{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\"}",
                Map.of("Lambda-Runtime-Function-Error-Type", "ValueError"));
        assertThat(posted.statusCode()).isEqualTo(202);
        var r = (RuntimeReply.Error) reply.get(5, TimeUnit.SECONDS);
        assertThat(r.errorType()).isEqualTo("ValueError");
    }

    @Test
    void aSandboxCannotTakeOrAnswerAnotherSandboxsInvocation() throws Exception {
        var victim = server.open("fn");
        var attacker = server.open("fn");
        var reply = victim.deliver(invocation("secret-req", "{\"secret\":true}"));
        // the attacker polls its own session: it must not receive the victim's event
        var attackerNext = next(attacker);
        attacker.firstPoll().get(5, TimeUnit.SECONDS);
        // and cannot answer the victim's request id through its own session
        assertThat(post(attacker, "invocation/secret-req/response", "\"forged\"", Map.of()).statusCode())
                .isEqualTo(400);
        // a guessed token is unknown
        var guessed = HttpRequest.newBuilder(URI.create("http://" + server.address().getHostString() + ":"
                + server.address().getPort() + "/s/AAAAAAAAAAAAAAAAAAAAAA/2018-06-01/runtime/invocation/next")).build();
        assertThat(http.send(guessed, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(attackerNext).isNotDone();
        assertThat(reply).isNotDone();
        // the victim still gets its own event
        assertThat(next(victim).get(5, TimeUnit.SECONDS).body()).isEqualTo("{\"secret\":true}");
        assertThat(victim.apiAddress()).isNotEqualTo(attacker.apiAddress());
    }

    @Test
    void unknownOrRepeatedRequestIdIsRefused() throws Exception {
        var s = server.open("fn");
        var reply = s.deliver(invocation("req-3", "{}"));
        next(s).get(5, TimeUnit.SECONDS);
        assertThat(post(s, "invocation/nope/response", "1", Map.of()).statusCode()).isEqualTo(400);
        assertThat(post(s, "invocation/req-3/response", "1", Map.of()).statusCode()).isEqualTo(202);
        assertThat(post(s, "invocation/req-3/response", "2", Map.of()).statusCode()).isEqualTo(400);
        assertThat(reply.get(5, TimeUnit.SECONDS)).isInstanceOf(RuntimeReply.Response.class);
    }

    @Test
    void initErrorFailsTheWaitingInvocation() throws Exception {
        var s = server.open("fn");
        var reply = s.deliver(invocation("req-4", "{}"));
        assertThat(post(s, "init/error", "{\"errorMessage\":\"no module\",\"errorType\":\"Runtime.ImportModuleError\"}",
                Map.of("Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError")).statusCode()).isEqualTo(202);
        var r = (RuntimeReply.InitError) reply.get(5, TimeUnit.SECONDS);
        assertThat(r.errorType()).isEqualTo("Runtime.ImportModuleError");
    }

    @Test
    void initErrorIsDeliveredBeforeTheRuntimeIsAcknowledged() throws Exception {
        // a runtime exits right after its init error is acknowledged; the exit must not win
        for (int i = 0; i < 20; i++) {
            var s = server.open("fn");
            var reply = s.deliver(invocation("req-init-" + i, "{}"));
            assertThat(post(s, "init/error", "{\"errorType\":\"Runtime.ImportModuleError\"}",
                    Map.of("Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError")).statusCode()).isEqualTo(202);
            s.close("Runtime exited with error: exit status 1");
            assertThat(reply.get(5, TimeUnit.SECONDS)).isInstanceOf(RuntimeReply.InitError.class);
        }
    }

    @Test
    void oversizedResponseIsRefusedAndReported() throws Exception {
        var s = server.open("fn");
        var reply = s.deliver(invocation("req-5", "{}"));
        next(s).get(5, TimeUnit.SECONDS);
        String big = "\"" + "x".repeat(RuntimeApiServer.MAX_RESPONSE_BYTES) + "\"";
        assertThat(post(s, "invocation/req-5/response", big, Map.of()).statusCode()).isEqualTo(413);
        assertThat(reply.get(5, TimeUnit.SECONDS)).isInstanceOf(RuntimeReply.TooLarge.class);
    }

    @Test
    void closingFailsOutstandingWorkAndRefusesLaterCalls() throws Exception {
        var s = server.open("fn");
        var parked = next(s);
        s.firstPoll().get(5, TimeUnit.SECONDS);
        s.close("sandbox stopped");
        assertThat(parked.get(5, TimeUnit.SECONDS).statusCode()).isIn(404, 410);
        var late = s.deliver(invocation("req-6", "{}"));
        assertThatThrownBy(() -> late.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SessionClosedException.class);
        assertThat(next(s).get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
        assertThat(server.openSessions()).isZero();
    }

    @Test
    void unknownRouteIs404() throws Exception {
        var s = server.open("fn");
        assertThat(post(s, "invocation/next", "", Map.of()).statusCode()).isEqualTo(404);
    }
}
