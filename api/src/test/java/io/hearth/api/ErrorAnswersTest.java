package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.net.HttpURLConnection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing misses and engine failures, answered by the one error mapper. */
class ErrorAnswersTest {
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
    }

    @Test
    void unknownRouteIs404UnknownOperation() {
        assertError(api.get("/2015-03-31/nothing-here"), 404, "UnknownOperationException",
                "No operation matches GET /2015-03-31/nothing-here");
        assertError(api.get("/"), 404, "UnknownOperationException", "GET /");
        assertError(api.get("/2015-03-31/functions/a/b/c/d"), 404, "UnknownOperationException", "GET");
        assertError(api.get("/hearth/v1/unknown"), 404, "UnknownOperationException", "/hearth/v1/unknown");
    }

    @Test
    void knownPathWithTheWrongMethodIs405() {
        assertError(api.get("/2015-03-31/functions/f/invocations"), 405, "MethodNotAllowedException",
                "The method GET is not allowed for the resource /2015-03-31/functions/f/invocations");
        assertError(api.send("PATCH", "/2015-03-31/functions", "{}"), 405, "MethodNotAllowedException", "PATCH");
        assertError(api.post("/health", "{}"), 405, "MethodNotAllowedException", "/health");
    }

    @Test
    void unexpectedExceptionIs500WithoutItsDetails() {
        api.control.failNext(new IllegalStateException("secret internal detail"));

        TestApi.Reply r = api.get("/2016-08-19/account-settings");

        assertError(r, 500, "ServiceException", "An internal error occurred while processing request "
                + r.header("x-amzn-RequestId"));
        assertThat(r.text()).doesNotContain("secret").doesNotContain("IllegalStateException")
                .doesNotContain("at io.hearth");
        assertThat(api.get("/2016-08-19/account-settings").status()).as("next request is fine").isEqualTo(200);
    }

    @Test
    void unexpectedExceptionOnTheInvokePathIs500() {
        api.create("f");
        api.invoke.failNext(new NullPointerException("engine bug"));

        TestApi.Reply r = api.post("/2015-03-31/functions/f/invocations", "{}");

        assertError(r, 500, "ServiceException", "An internal error occurred");
        assertThat(r.text()).doesNotContain("engine bug");
        assertThat(r.optionalHeader("X-Amz-Executed-Version")).isEmpty();
    }

    @Test
    void engineRefusalsKeepTheirStatusAndType() {
        api.control.failNext(HearthException.notFound("Function not found: x"));
        assertError(api.get("/2016-08-19/account-settings"), 404, "ResourceNotFoundException", "Function not found: x");

        api.control.failNext(HearthException.conflict("The operation cannot be performed at this time."));
        assertError(api.get("/2015-03-31/functions"), 409, "ResourceConflictException", "cannot be performed");

        api.control.failNext(new HearthException(ErrorCode.PRECONDITION_FAILED, "The Revision Id provided does not match"));
        assertError(api.get("/2015-03-31/functions"), 412, "PreconditionFailedException", "Revision Id");

        api.control.failNext(new HearthException(ErrorCode.TOO_MANY_REQUESTS, "Rate exceeded",
                Map.of("Reason", "CallerRateLimitExceeded", "Retry-After", "7"), null));
        TestApi.Reply throttled = api.get("/2015-03-31/functions");
        assertError(throttled, 429, "TooManyRequestsException", "Rate exceeded");
        assertThat(throttled.header("Retry-After")).isEqualTo("7");
        assertThat(throttled.json().get("Reason").textValue()).isEqualTo("CallerRateLimitExceeded");
    }

    @Test
    void jettysOwnRefusalsAreShapedLikeLambdaErrors() throws Exception {
        assertError(api.get("/2015-03-31/functions/a//invocations"), 400, "InvalidRequestContentException", "Ambiguous");

        HttpURLConnection c = (HttpURLConnection) api.base.resolve("/health").toURL().openConnection();
        c.setRequestProperty("X-Huge", "x".repeat(20_000));
        assertThat(c.getResponseCode()).isEqualTo(431);
        assertThat(c.getHeaderField("x-amzn-ErrorType")).isEqualTo("InvalidRequestContentException");
        assertThat(c.getHeaderField("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        try (var in = c.getErrorStream()) {
            assertThat(TestApi.JSON.readTree(in).get("Type").textValue()).isEqualTo("User");
        }
    }

    @Test
    void everyAnswerCarriesAFreshRequestId() {
        String a = api.get("/health").header("x-amzn-RequestId");
        String b = api.get("/health").header("x-amzn-RequestId");

        assertThat(a).isNotEqualTo(b);
    }
}
