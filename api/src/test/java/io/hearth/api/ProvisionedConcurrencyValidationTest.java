package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad provisioned-concurrency requests answered with Lambda's status and error type: no qualifier, {@code $LATEST},
 * unknown function, version or alias, an amount below 1 or not a whole number, more than the function's
 * reservation or the node's unreserved share, Get of a qualifier without configuration.
 */
class ProvisionedConcurrencyValidationTest {
    private static final String INVALID = "InvalidParameterValueException";
    private static final String NOT_FOUND = "ResourceNotFoundException";
    private static final String PATH = "/2019-09-30/functions/fn/provisioned-concurrency";
    private static final String TWO = "{\"ProvisionedConcurrentExecutions\":2}";
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

    @Test
    void aMissingQualifierIsInvalidOnPutGetAndDelete() {
        String message = "Value null at 'qualifier' failed to satisfy constraint: Member must not be null";
        assertError(api.put(PATH, TWO), 400, INVALID, message);
        assertError(api.put(PATH + "?Qualifier=", TWO), 400, INVALID, message);
        assertError(api.get(PATH), 400, INVALID, message);
        assertError(api.delete(PATH), 400, INVALID, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?Qualifier=$LATEST", "?Qualifier=%24LATEST"})
    void latestIsInvalidBecauseItIsUnpublished(String query) {
        String message = "Provisioned Concurrency Configs cannot be applied to unpublished function versions.";
        assertError(api.put(PATH + query, TWO), 400, INVALID, message);
        assertError(api.get(PATH + query), 400, INVALID, message);
        assertError(api.delete(PATH + query), 400, INVALID, message);
        assertError(api.put("/2019-09-30/functions/fn:$LATEST/provisioned-concurrency", TWO), 400, INVALID, message);
    }

    @Test
    void aQualifierInTheNameMustAgreeWithTheParameter() {
        assertError(api.put("/2019-09-30/functions/fn:1/provisioned-concurrency?Qualifier=live", TWO), 400, INVALID,
                "does not match the specified qualifier");
    }

    @Test
    void anUnknownFunctionVersionOrAliasIsNotFound() {
        assertError(api.put("/2019-09-30/functions/ghost/provisioned-concurrency?Qualifier=1", TWO), 404, NOT_FOUND,
                "Function not found");
        assertError(api.put(PATH + "?Qualifier=7", TWO), 404, NOT_FOUND, "function:fn:7");
        assertError(api.put(PATH + "?Qualifier=blue", TWO), 404, NOT_FOUND, "function:fn:blue");
        assertError(api.get(PATH + "?Qualifier=7"), 404, NOT_FOUND, "function:fn:7");
        assertError(api.delete(PATH + "?Qualifier=blue"), 404, NOT_FOUND, "function:fn:blue");
        assertError(api.get("/2019-09-30/functions/ghost/provisioned-concurrency?List=ALL"), 404, NOT_FOUND,
                "Function not found");
    }

    @Test
    void getOfAQualifierWithoutConfigurationIsConfigNotFound() {
        assertError(api.get(PATH + "?Qualifier=1"), 404, "ProvisionedConcurrencyConfigNotFoundException",
                "No Provisioned Concurrency Config found for this function");
        assertError(api.get(PATH + "?Qualifier=live"), 404, "ProvisionedConcurrencyConfigNotFoundException",
                "No Provisioned Concurrency Config found for this function");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-2147483648"})
    void anAmountBelowOneIsInvalid(String value) {
        assertError(api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":" + value + "}"), 400,
                INVALID, "Value " + value + " at 'provisionedConcurrentExecutions' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertThat(api.control.provisionedConcurrency("fn", "1")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "2147483648", "\"2\"", "true", "[2]", "{}"})
    void anAmountThatIsNotAWholeNumberInRangeIsInvalid(String value) {
        assertError(api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":" + value + "}"), 400,
                INVALID, "at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must be a whole "
                        + "number from 1 to 2147483647");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "", "{\"ProvisionedConcurrentExecutions\":null}",
            "{\"RequestedProvisionedConcurrentExecutions\":2}"})
    void aMissingAmountIsInvalid(String body) {
        assertError(api.put(PATH + "?Qualifier=1", body), 400, INVALID, "Value null at "
                + "'provisionedConcurrentExecutions' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void aBodyThatIsNotJsonIsInvalidContent() {
        assertError(api.put(PATH + "?Qualifier=1", "not json"), 400, "InvalidRequestContentException",
                "Could not parse request body");
    }

    @Test
    void moreThanTheFunctionsReservationIsInvalid() {
        api.put("/2017-10-31/functions/fn/concurrency", "{\"ReservedConcurrentExecutions\":3}");
        api.put(PATH + "?Qualifier=live", TWO);

        assertError(api.put(PATH + "?Qualifier=1", TWO), 400, INVALID,
                "should not be greater than the reservedConcurrentExecution");
        assertThat(api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":1}").status()).isEqualTo(202);
    }

    @Test
    void moreThanTheUnreservedShareCanSpareIsInvalid() {
        int spare = FakeControlPlane.CONCURRENCY - FakeControlPlane.MINIMUM_UNRESERVED;

        assertError(api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":" + (spare + 1) + "}"), 400,
                INVALID, "UnreservedConcurrentExecution below its minimum value");
        assertThat(api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":" + spare + "}").status())
                .isEqualTo(202);
    }

    @Test
    void listTakesOnlyAnUnqualifiedNameListAllAndAtMostFiftyItems() {
        assertError(api.get("/2019-09-30/functions/fn:1/provisioned-concurrency?List=ALL"), 400, INVALID,
                "cannot carry a qualifier");
        assertError(api.get(PATH + "?List=SOME"), 400, INVALID, "Member must satisfy enum value set: [ALL]");
        assertError(api.get(PATH + "?List=ALL&MaxItems=51"), 400, INVALID, "less than or equal to 50");
        assertError(api.get(PATH + "?List=ALL&MaxItems=0"), 400, INVALID, "maxItems");
    }

    @Test
    void onlyPutGetAndDeleteAreServed() {
        assertError(api.post(PATH + "?Qualifier=1", TWO), 405, "MethodNotAllowedException", "POST");
        assertError(api.put("/2017-10-31/functions/fn/provisioned-concurrency?Qualifier=1", TWO), 404,
                "UnknownOperationException", "PUT");
    }
}
