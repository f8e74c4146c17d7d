package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.HearthException;
import io.hearth.model.InvocationType;
import io.hearth.model.InvokeCommand;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invoke and InvokeAsync through real HTTP: headers, statuses, payload checks and limits. */
class InvokeApiTest {
    private static final String INVOKE = "/2015-03-31/functions/echo/invocations";
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @BeforeEach
    void reset() {
        api.reset();
        api.create("echo");
        api.create(TestApi.createBody("failing", FakeInvokeService.FAILING_HANDLER));
    }

    @Test
    void requestResponseAnswers200WithThePayloadAndTheInvocationsRequestId() {
        TestApi.Reply r = api.post(INVOKE, "{\"hello\":[1,2,{\"x\":null}]}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"hello\":[1,2,{\"x\":null}]}");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
        assertThat(r.header("X-Amz-Executed-Version")).isEqualTo("$LATEST");
        assertThat(r.optionalHeader("X-Amz-Function-Error")).isEmpty();
        assertThat(r.optionalHeader("X-Amz-Log-Result")).isEmpty();
        assertThat(r.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        InvokeCommand cmd = api.invoke.lastCommand();
        assertThat(cmd.type()).isEqualTo(InvocationType.REQUEST_RESPONSE);
        assertThat(cmd.tailLog()).isFalse();
        assertThat(cmd.clientContext()).isNull();
        assertThat(cmd.ref().name()).isEqualTo("echo");
    }

    @Test
    void emptyBodyIsInvokedWithAnEmptyObject() {
        TestApi.Reply r = api.post(INVOKE, null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(api.invoke.lastCommand().payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void scalarJsonPayloadsAreAccepted() {
        assertThat(api.post(INVOKE, "\"just a string\"").text()).isEqualTo("\"just a string\"");
        assertThat(api.post(INVOKE, " 42 ").status()).isEqualTo(200);
    }

    @Test
    void functionErrorIsStill200WithTheErrorHeaderAndBody() {
        TestApi.Reply r = api.post("/2015-03-31/functions/failing/invocations", "{}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(r.json().get("errorMessage").textValue()).isEqualTo("boom");
        assertThat(r.json().get("errorType").textValue()).isEqualTo("Exception");
    }

    @Test
    void tailReturnsTheBase64LogAndItsRequestIdMatchesTheHeader() {
        TestApi.Reply r = api.post(INVOKE, "{}", "X-Amz-Log-Type", "Tail");

        String log = new String(Base64.getDecoder().decode(r.header("X-Amz-Log-Result")), StandardCharsets.UTF_8);
        assertThat(log).startsWith("START RequestId: " + r.header("x-amzn-RequestId"));
        assertThat(api.invoke.lastCommand().tailLog()).isTrue();
    }

    @Test
    void eventIsQueuedAndAnswered202WithTheQueuedRequestId() {
        TestApi.Reply r = api.post(INVOKE, "{\"a\":1}", "X-Amz-Invocation-Type", "Event", "X-Amz-Log-Type", "Tail");

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body()).isEmpty();
        assertThat(api.invoke.queued()).containsExactly(r.header("x-amzn-RequestId"));
        assertThat(api.invoke.lastCommand().type()).isEqualTo(InvocationType.EVENT);
        assertThat(api.invoke.lastCommand().tailLog()).as("Tail is ignored for Event").isFalse();
        assertThat(r.optionalHeader("X-Amz-Log-Result")).isEmpty();
    }

    @Test
    void dryRunAnswers204() {
        TestApi.Reply r = api.post(INVOKE, "{}", "X-Amz-Invocation-Type", "DryRun");

        assertThat(r.status()).isEqualTo(204);
        assertThat(api.invoke.lastCommand().type()).isEqualTo(InvocationType.DRY_RUN);
        assertError(api.post("/2015-03-31/functions/ghost/invocations", "{}", "X-Amz-Invocation-Type", "DryRun"),
                404, "ResourceNotFoundException", "ghost");
    }

    @Test
    void qualifierComesFromTheQueryOrTheName() {
        api.post(INVOKE + "?Qualifier=%24LATEST", "{}");
        assertThat(api.invoke.lastCommand().ref().qualifier()).contains("$LATEST");

        api.post("/2015-03-31/functions/echo%3A%24LATEST/invocations", "{}");
        assertThat(api.invoke.lastCommand().ref().qualifier()).contains("$LATEST");

        assertError(api.post("/2015-03-31/functions/echo%3A1/invocations?Qualifier=2", "{}"), 400,
                "InvalidParameterValueException", "does not match");
        assertError(api.post(INVOKE + "?Qualifier=a%20b", "{}"), 400, "InvalidParameterValueException", "'qualifier'");
        assertError(api.post("/2015-03-31/functions/no%20good/invocations", "{}"), 400,
                "InvalidParameterValueException", "'functionName'");
    }

    @Test
    void clientContextIsDecodedToItsJson() {
        String ctx = "{\"custom\":{\"k\":\"v\"}}";
        String header = Base64.getEncoder().encodeToString(ctx.getBytes(StandardCharsets.UTF_8));

        assertThat(api.post(INVOKE, "{}", "X-Amz-Client-Context", header).status()).isEqualTo(200);
        assertThat(api.invoke.lastCommand().clientContext()).isEqualTo(ctx);
    }

    @Test
    void oversizedOrUndecodableClientContextIsRefused() {
        String big = "{\"k\":\"" + "x".repeat(2700) + "\"}";
        String bigHeader = Base64.getEncoder().encodeToString(big.getBytes(StandardCharsets.UTF_8));
        assertThat(bigHeader.length()).isGreaterThan(InvokeHeaders.MAX_CLIENT_CONTEXT);

        assertError(api.post(INVOKE, "{}", "X-Amz-Client-Context", bigHeader), 400,
                "InvalidParameterValueException", "3583");
        assertError(api.post(INVOKE, "{}", "X-Amz-Client-Context", "***"), 400, "InvalidParameterValueException",
                "Client context must be a valid Base64-encoded JSON object.");
        assertError(api.post(INVOKE, "{}", "X-Amz-Client-Context",
                Base64.getEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8))), 400,
                "InvalidParameterValueException", "JSON object");
        assertThat(api.invoke.commands()).isEmpty();
    }

    @Test
    void badInvocationTypeAndLogTypeAreRefused() {
        assertError(api.post(INVOKE, "{}", "X-Amz-Invocation-Type", "Later"), 400, "InvalidParameterValueException",
                "Value 'Later' at 'invocationType'");
        assertError(api.post(INVOKE, "{}", "X-Amz-Log-Type", "Full"), 400, "InvalidParameterValueException",
                "Value 'Full' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]");
        assertThat(api.post(INVOKE, "{}", "X-Amz-Log-Type", "None").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "nope", "{} {}", "{\"a\":1}x", "[1,]", "'single'"})
    void invalidJsonPayloadIsInvalidRequestContent(String body) {
        assertError(api.post(INVOKE, body), 400, "InvalidRequestContentException",
                "Could not parse request body into json: ");
        assertThat(api.invoke.commands()).isEmpty();
    }

    @Test
    void syncPayloadIsCappedAtSixMegabytes() {
        String exact = "\"" + "x".repeat(InvokeHandler.SYNC_LIMIT - 2) + "\"";
        assertThat(api.post(INVOKE, exact).status()).isEqualTo(200);

        String over = "\"" + "x".repeat(InvokeHandler.SYNC_LIMIT - 1) + "\"";
        assertError(api.post(INVOKE, over), 413, "RequestTooLargeException",
                "Request must be smaller than 6291456 bytes for the Invoke operation");
    }

    @Test
    void chunkedSyncPayloadOverTheCapIs413() {
        long size = InvokeHandler.SYNC_LIMIT + 10L;
        TestApi.Reply r = api.send("POST", INVOKE,
                HttpRequest.BodyPublishers.ofInputStream(() -> ControlPlaneValidationTest.filler(size)));

        assertError(r, 413, "RequestTooLargeException", "6291456");
    }

    @Test
    void chunkedPayloadUnderTheCapIsReadWhole() {
        String json = "[" + "1,".repeat(100_000) + "1]";
        TestApi.Reply r = api.send("POST", INVOKE, HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo(json);
    }

    @Test
    void eventPayloadIsCappedAtOneMegabyte() {
        String over = "\"" + "x".repeat(InvokeHandler.ASYNC_LIMIT - 1) + "\"";
        String exact = "\"" + "x".repeat(InvokeHandler.ASYNC_LIMIT - 2) + "\"";

        assertError(api.post(INVOKE, over, "X-Amz-Invocation-Type", "Event"), 413, "RequestTooLargeException",
                "Request must be smaller than 1048576 bytes for the Invoke operation");
        assertThat(api.post(INVOKE, exact, "X-Amz-Invocation-Type", "Event").status()).isEqualTo(202);
        assertThat(api.post(INVOKE, over).status()).as("the same body is fine synchronously").isEqualTo(200);
    }

    @Test
    void unknownFunctionIs404() {
        assertError(api.post("/2015-03-31/functions/ghost/invocations", "{}"), 404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:123456789012:function:ghost");
    }

    @Test
    void throttlingIs429WithRetryAfterAndReason() {
        api.invoke.failNext(HearthException.throttled("ReservedFunctionConcurrentInvocationLimitExceeded",
                "Rate Exceeded.", 2));

        TestApi.Reply r = api.post(INVOKE, "{}");

        assertError(r, 429, "TooManyRequestsException", "Rate Exceeded.");
        assertThat(r.header("Retry-After")).isEqualTo("2");
        assertThat(r.json().get("Reason").textValue()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
        assertThat(r.json().has("Retry-After")).isFalse();
    }

    @Test
    void legacyInvokeAsyncAnswers202WithStatus() {
        TestApi.Reply r = api.post("/2014-11-13/functions/echo/invoke-async/", "{\"old\":true}");

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json()).isEqualTo(TestApi.JSON.createObjectNode().put("Status", 202));
        assertThat(api.invoke.queued()).containsExactly(r.header("x-amzn-RequestId"));
        assertThat(api.invoke.lastCommand().type()).isEqualTo(InvocationType.EVENT);
        assertError(api.post("/2014-11-13/functions/echo/invoke-async/", "{bad"), 400,
                "InvalidRequestContentException", "Could not parse request body into json");
    }
}
