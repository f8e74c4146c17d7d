package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.engine.ProvisionedConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Put, Get, List and DeleteProvisionedConcurrencyConfig answered as Lambda does (202 / 200 / 200 / 204, its JSON
 * shapes), through real HTTP against the fake control plane.
 */
class ProvisionedConcurrencyApiTest {
    private static final String PATH = "/2019-09-30/functions/fn/provisioned-concurrency";
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn";
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /** Function {@code fn} with versions 1 and 2 and alias {@code live} on version 1. */
    @BeforeEach
    void reset() {
        api.reset();
        api.create("fn");
        api.post("/2015-03-31/functions/fn/versions", "{}");
        api.put("/2015-03-31/functions/fn/configuration", "{\"Description\":\"two\"}");
        api.post("/2015-03-31/functions/fn/versions", "{}");
        api.post("/2015-03-31/functions/fn/aliases", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}");
    }

    private static JsonNode config(int requested, int allocated, String status) {
        return TestApi.JSON.createObjectNode()
                .put("RequestedProvisionedConcurrentExecutions", requested)
                .put("AvailableProvisionedConcurrentExecutions", allocated)
                .put("AllocatedProvisionedConcurrentExecutions", allocated)
                .put("Status", status)
                .put("LastModified", "2026-11-22T12:00:00.000+0000");
    }

    @Test
    void putAnswers202InProgressWithTheRequestedAmount() {
        TestApi.Reply r = api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":2}");

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json()).isEqualTo(config(2, 0, "IN_PROGRESS"));
        assertThat(api.control.provisionedConcurrency("fn", "1")).hasValueSatisfying(c ->
                assertThat(c.requested()).isEqualTo(2));
    }

    @Test
    void getAnswersTheConfigurationOfAVersionOrAnAlias() {
        api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":2}");
        api.put(PATH + "?Qualifier=live", "{\"ProvisionedConcurrentExecutions\":1}");
        api.control.allocateAll();

        TestApi.Reply version = api.get(PATH + "?Qualifier=1");
        TestApi.Reply alias = api.get("/2019-09-30/functions/fn:live/provisioned-concurrency");

        assertThat(version.status()).isEqualTo(200);
        assertThat(version.json()).isEqualTo(config(2, 2, "READY"));
        assertThat(alias.status()).isEqualTo(200);
        assertThat(alias.json()).isEqualTo(config(1, 1, "READY"));
        assertThat(api.get("/2019-09-30/functions/" + ARN + ":1/provisioned-concurrency").json())
                .isEqualTo(config(2, 2, "READY"));
    }

    @Test
    void aSecondPutReplacesTheAmount() {
        api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":2}");

        assertThat(api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":5}").json())
                .isEqualTo(config(5, 0, "IN_PROGRESS"));
        assertThat(api.get(PATH + "?Qualifier=1").json().get("RequestedProvisionedConcurrentExecutions").intValue())
                .isEqualTo(5);
    }

    @Test
    void aFailedConfigurationShowsItsReason() throws Exception {
        var failed = new ProvisionedConfig("fn", "1", 2, 1, 1, ProvisionedConfig.Status.FAILED,
                "FUNCTION_ERROR_INIT_FAILURE: boom", TestApi.NOW);

        JsonNode json = TestApi.JSON.readTree(ProvisionedConcurrencyJson.toJson(failed));

        assertThat(json.get("Status").textValue()).isEqualTo("FAILED");
        assertThat(json.get("StatusReason").textValue()).isEqualTo("FUNCTION_ERROR_INIT_FAILURE: boom");
        assertThat(json.get("AllocatedProvisionedConcurrentExecutions").intValue()).isEqualTo(1);
        assertThat(json.get("RequestedProvisionedConcurrentExecutions").intValue()).isEqualTo(2);
    }

    @Test
    void listAnswersEveryConfigurationOfTheFunctionWithItsArnInPages() {
        api.put(PATH + "?Qualifier=live", "{\"ProvisionedConcurrentExecutions\":1}");
        api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":2}");
        api.put(PATH + "?Qualifier=2", "{\"ProvisionedConcurrentExecutions\":3}");

        TestApi.Reply all = api.get(PATH + "?List=ALL");
        TestApi.Reply first = api.get(PATH + "?List=ALL&MaxItems=2");
        TestApi.Reply rest = api.get(PATH + "?List=ALL&MaxItems=2&Marker="
                + first.json().get("NextMarker").textValue());

        assertThat(all.status()).isEqualTo(200);
        JsonNode items = all.json().get("ProvisionedConcurrencyConfigs");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("FunctionArn").textValue()).isEqualTo(ARN + ":1");
        assertThat(items.get(0).get("RequestedProvisionedConcurrentExecutions").intValue()).isEqualTo(2);
        assertThat(items.get(2).get("FunctionArn").textValue()).isEqualTo(ARN + ":live");
        assertThat(items.get(2).get("Status").textValue()).isEqualTo("IN_PROGRESS");
        assertThat(all.json().has("NextMarker")).isFalse();
        assertThat(first.json().get("ProvisionedConcurrencyConfigs")).hasSize(2);
        assertThat(rest.json().get("ProvisionedConcurrencyConfigs")).hasSize(1);
        assertThat(rest.json().get("ProvisionedConcurrencyConfigs").get(0).get("FunctionArn").textValue())
                .isEqualTo(ARN + ":live");
        assertThat(rest.json().has("NextMarker")).isFalse();
    }

    @Test
    void listOfAFunctionWithoutConfigurationsIsEmpty() {
        TestApi.Reply r = api.get(PATH + "?List=ALL");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"ProvisionedConcurrencyConfigs\":[]}");
    }

    @Test
    void deleteAnswers204ThenGetIsConfigNotFoundAndASecondDeleteIsNotFound() {
        api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":2}");

        TestApi.Reply r = api.delete(PATH + "?Qualifier=1");

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(api.control.provisionedConcurrency("fn", "1")).isEmpty();
        assertError(api.get(PATH + "?Qualifier=1"), 404, "ProvisionedConcurrencyConfigNotFoundException",
                "No Provisioned Concurrency Config found for this function");
        assertError(api.delete(PATH + "?Qualifier=1"), 404, "ResourceNotFoundException",
                "No Provisioned Concurrency Config found");
    }

    @Test
    void deletingTheFunctionDeletesItsConfigurations() {
        api.put(PATH + "?Qualifier=1", "{\"ProvisionedConcurrentExecutions\":2}");
        api.delete("/2015-03-31/functions/fn");
        api.create("fn");
        api.post("/2015-03-31/functions/fn/versions", "{}");

        assertError(api.get(PATH + "?Qualifier=1"), 404, "ProvisionedConcurrencyConfigNotFoundException",
                "No Provisioned Concurrency Config");
    }
}
