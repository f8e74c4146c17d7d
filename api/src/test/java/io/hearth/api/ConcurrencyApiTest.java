package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency and GetFunction's
 * {@code Concurrency} answered as Lambda does, through real HTTP.
 */
class ConcurrencyApiTest {
    private static final String PUT = "/2017-10-31/functions/fn/concurrency";
    private static final String GET = "/2019-09-30/functions/fn/concurrency";
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /** Function {@code fn} with version 1. */
    @BeforeEach
    void reset() {
        api.reset();
        api.create("fn");
        api.post("/2015-03-31/functions/fn/versions", "{}");
    }

    private static JsonNode reservation(int n) {
        return TestApi.JSON.createObjectNode().put("ReservedConcurrentExecutions", n);
    }

    @Test
    void putAnswers200WithTheReservationSet() {
        TestApi.Reply r = api.put(PUT, "{\"ReservedConcurrentExecutions\":25}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json()).isEqualTo(reservation(25));
        assertThat(api.control.reservedConcurrency("fn")).isEqualTo(OptionalInt.of(25));
    }

    @Test
    void aSecondPutReplacesTheReservationAndZeroIsAReservation() {
        api.put(PUT, "{\"ReservedConcurrentExecutions\":25}");

        assertThat(api.put(PUT, "{\"ReservedConcurrentExecutions\":0}").json()).isEqualTo(reservation(0));
        assertThat(api.get(GET).json()).isEqualTo(reservation(0));
        assertThat(api.put(PUT, "{\"ReservedConcurrentExecutions\":900}").json()).isEqualTo(reservation(900));
        assertThat(api.control.reservedConcurrency("fn")).isEqualTo(OptionalInt.of(900));
    }

    @Test
    void getAnswersTheReservationOrAnEmptyObject() {
        TestApi.Reply none = api.get(GET);
        api.put(PUT, "{\"ReservedConcurrentExecutions\":7}");
        TestApi.Reply some = api.get(GET);

        assertThat(none.status()).isEqualTo(200);
        assertThat(none.text()).isEqualTo("{}");
        assertThat(some.status()).isEqualTo(200);
        assertThat(some.json()).isEqualTo(reservation(7));
    }

    @Test
    void deleteAnswers204ThenTheFunctionHasNoneAndDeletingAgainIsFine() {
        api.put(PUT, "{\"ReservedConcurrentExecutions\":7}");

        TestApi.Reply r = api.delete(PUT);

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        assertThat(api.get(GET).text()).isEqualTo("{}");
        assertThat(api.control.reservedConcurrency("fn")).isEmpty();
        assertThat(api.delete(PUT).status()).isEqualTo(204);
    }

    @Test
    void getFunctionShowsConcurrencyOnlyWhenReservedWhateverTheQualifier() {
        assertThat(api.get("/2015-03-31/functions/fn").json().has("Concurrency")).isFalse();

        api.put(PUT, "{\"ReservedConcurrentExecutions\":12}");

        assertThat(api.get("/2015-03-31/functions/fn").json().get("Concurrency")).isEqualTo(reservation(12));
        assertThat(api.get("/2015-03-31/functions/fn?Qualifier=1").json().get("Concurrency"))
                .isEqualTo(reservation(12));
        assertThat(api.get("/2015-03-31/functions/fn:1").json().get("Configuration").get("Version").textValue())
                .isEqualTo("1");
        api.delete(PUT);
        assertThat(api.get("/2015-03-31/functions/fn").json().has("Concurrency")).isFalse();
    }

    @Test
    void theFunctionMayBeNamedByItsArnOrPartialArn() {
        String arn = URLEncoder.encode(TestApi.ARNS.function("fn"), StandardCharsets.UTF_8);

        assertThat(api.put("/2017-10-31/functions/" + arn + "/concurrency", "{\"ReservedConcurrentExecutions\":3}")
                .status()).isEqualTo(200);
        assertThat(api.get("/2019-09-30/functions/123456789012:function:fn/concurrency").json())
                .isEqualTo(reservation(3));
        assertThat(api.delete("/2017-10-31/functions/" + arn + "/concurrency").status()).isEqualTo(204);
        assertThat(api.control.reservedConcurrency("fn")).isEmpty();
    }

    @Test
    void unknownFunctionsAreNotFoundOnEveryOperation() {
        String ghost = "/2017-10-31/functions/ghost/concurrency";

        assertError(api.put(ghost, "{\"ReservedConcurrentExecutions\":1}"), 404, "ResourceNotFoundException",
                "Function not found");
        assertError(api.get("/2019-09-30/functions/ghost/concurrency"), 404, "ResourceNotFoundException",
                "Function not found");
        assertError(api.delete(ghost), 404, "ResourceNotFoundException", "Function not found");
    }

    @Test
    void deletingTheFunctionTakesItsReservation() {
        api.put(PUT, "{\"ReservedConcurrentExecutions\":50}");

        assertThat(api.delete("/2015-03-31/functions/fn").status()).isEqualTo(204);
        api.create("fn");

        assertThat(api.get(GET).text()).isEqualTo("{}");
        assertThat(api.get("/2016-08-19/account-settings").json().get("AccountLimit")
                .get("UnreservedConcurrentExecutions").intValue()).isEqualTo(FakeControlPlane.CONCURRENCY);
    }

    @Test
    void reservationsAreCarvedOutOfTheUnreservedShareAndTheEngineRefusesTooMuch() {
        api.create("other");
        api.put(PUT, "{\"ReservedConcurrentExecutions\":600}");

        assertError(api.put("/2017-10-31/functions/other/concurrency", "{\"ReservedConcurrentExecutions\":301}"), 400,
                "InvalidParameterValueException", "below its minimum value of [100]");
        assertThat(api.put("/2017-10-31/functions/other/concurrency", "{\"ReservedConcurrentExecutions\":300}")
                .status()).isEqualTo(200);
        assertThat(api.get("/2016-08-19/account-settings").json().get("AccountLimit")
                .get("UnreservedConcurrentExecutions").intValue()).isEqualTo(100);
        assertError(api.put(PUT, "{\"ReservedConcurrentExecutions\":" + Integer.MAX_VALUE + "}"), 400,
                "InvalidParameterValueException", "below its minimum value");
        assertThat(api.get(GET).json()).isEqualTo(reservation(600));
    }
}
