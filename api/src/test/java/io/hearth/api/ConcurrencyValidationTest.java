package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad reserved-concurrency requests are refused at the edge with Lambda's error types, and
 * nothing reaches the engine: qualified names, a missing or malformed ReservedConcurrentExecutions,
 * bodies that are not JSON, wrong methods.
 */
class ConcurrencyValidationTest {
    private static final String INVALID = "InvalidParameterValueException";
    private static final String PUT = "/2017-10-31/functions/fn/concurrency";
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /** Function {@code fn} with version 1 and alias {@code live}. */
    @BeforeEach
    void reset() {
        api.reset();
        api.create("fn");
        api.post("/2015-03-31/functions/fn/versions", "{}");
        api.post("/2015-03-31/functions/fn/aliases", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fn:1", "fn:live", "fn:$LATEST", "123456789012:function:fn:1",
            "arn:aws:lambda:us-east-1:123456789012:function:fn:live"})
    void qualifiedNamesAreRefusedOnEveryOperation(String name) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);

        assertError(api.put("/2017-10-31/functions/" + encoded + "/concurrency", "{\"ReservedConcurrentExecutions\":5}"),
                400, INVALID, "PutFunctionConcurrency cannot carry a qualifier: " + name);
        assertError(api.get("/2019-09-30/functions/" + encoded + "/concurrency"), 400, INVALID,
                "GetFunctionConcurrency cannot carry a qualifier: " + name);
        assertError(api.delete("/2017-10-31/functions/" + encoded + "/concurrency"), 400, INVALID,
                "DeleteFunctionConcurrency cannot carry a qualifier: " + name);
        assertThat(api.control.reservedConcurrency("fn")).isEmpty();
    }

    @Test
    void malformedFunctionNamesAreRefused() {
        assertError(api.put("/2017-10-31/functions/bad%20name/concurrency", "{\"ReservedConcurrentExecutions\":5}"),
                400, INVALID, "Value 'bad name' at 'functionName'");
        assertError(api.get("/2019-09-30/functions/" + "f".repeat(171) + "/concurrency"), 400, INVALID,
                "at 'functionName'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "", "{\"ReservedConcurrentExecutions\":null}", "{\"reservedConcurrentExecutions\":5}"})
    void aMissingReservationIsRefused(String body) {
        assertError(api.put(PUT, body), 400, INVALID, "Value null at 'reservedConcurrentExecutions' failed to "
                + "satisfy constraint: Member must not be null");
        assertThat(api.control.reservedConcurrency("fn")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-2147483648"})
    void aNegativeReservationIsRefused(String value) {
        api.put(PUT, "{\"ReservedConcurrentExecutions\":3}");

        assertError(api.put(PUT, "{\"ReservedConcurrentExecutions\":" + value + "}"), 400, INVALID,
                "Value " + value + " at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have "
                        + "value greater than or equal to 0");
        assertThat(api.control.reservedConcurrency("fn")).hasValue(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "10.0", "1e2", "2147483648", "-2147483649", "99999999999999999999", "\"5\"",
            "true", "[5]", "{\"N\":5}"})
    void aReservationThatIsNotAWholeNumberInRangeIsRefused(String value) {
        assertError(api.put(PUT, "{\"ReservedConcurrentExecutions\":" + value + "}"), 400, INVALID,
                "at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must be a whole number from 0 "
                        + "to 2147483647");
        assertThat(api.control.reservedConcurrency("fn")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "{\"ReservedConcurrentExecutions\":5", "{} {}"})
    void aBodyThatIsNotOneJsonObjectIsInvalidContent(String body) {
        assertError(api.put(PUT, body), 400, "InvalidRequestContentException", "Could not parse request body");
        assertThat(api.control.reservedConcurrency("fn")).isEmpty();
    }

    @Test
    void eachVersionPrefixServesOnlyItsOwnMethods() {
        assertError(api.get(PUT), 405, "MethodNotAllowedException", "GET");
        assertError(api.put("/2019-09-30/functions/fn/concurrency", "{\"ReservedConcurrentExecutions\":5}"), 405,
                "MethodNotAllowedException", "PUT");
        assertError(api.delete("/2019-09-30/functions/fn/concurrency"), 405, "MethodNotAllowedException", "DELETE");
        assertError(api.post(PUT, "{}"), 405, "MethodNotAllowedException", "POST");
        assertThat(api.control.reservedConcurrency("fn")).isEmpty();
    }
}
