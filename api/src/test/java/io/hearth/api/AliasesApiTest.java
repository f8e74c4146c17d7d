package io.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CreateAlias, GetAlias, ListAliases, UpdateAlias and DeleteAlias answered as Lambda does, through real HTTP. */
class AliasesApiTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
    private static final String ALIASES = "/2015-03-31/functions/fn/aliases";
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /** Function {@code fn} with versions 1 and 2. */
    @BeforeEach
    void reset() {
        api.reset();
        api.create("fn");
        api.post("/2015-03-31/functions/fn/versions", "{}");
        api.put("/2015-03-31/functions/fn/configuration", "{\"Timeout\":7}");
        api.post("/2015-03-31/functions/fn/versions", "{}");
    }

    @Test
    void createAliasAnswers201WithTheAliasConfiguration() {
        TestApi.Reply r = api.post(ALIASES, "{\"Name\":\"live\",\"FunctionVersion\":\"1\",\"Description\":\"prod\","
                + "\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":0.1}}}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        JsonNode a = r.json();
        String revision = api.control.getAlias("fn", "live").revisionId();
        assertThat(a).isEqualTo(TestApi.JSON.createObjectNode()
                .put("AliasArn", ARN + "fn:live")
                .put("Name", "live")
                .put("FunctionVersion", "1")
                .put("Description", "prod")
                .<ObjectNode>set("RoutingConfig", TestApi.JSON.createObjectNode()
                        .set("AdditionalVersionWeights", TestApi.JSON.createObjectNode().put("2", 0.1)))
                .put("RevisionId", revision));
    }

    @Test
    void anAliasWithoutRoutingOmitsRoutingConfig() {
        JsonNode a = api.post(ALIASES, "{\"Name\":\"plain\",\"FunctionVersion\":\"$LATEST\"}").json();

        assertThat(a.has("RoutingConfig")).isFalse();
        assertThat(a.get("FunctionVersion").textValue()).isEqualTo("$LATEST");
        assertThat(a.get("Description").textValue()).isEmpty();
        assertThat(api.post(ALIASES, "{\"Name\":\"empty\",\"FunctionVersion\":\"1\",\"RoutingConfig\":{}}").json()
                .has("RoutingConfig")).isFalse();
    }

    @Test
    void getAliasAnswersWhatWasCreated() {
        JsonNode created = api.post(ALIASES, "{\"Name\":\"live\",\"FunctionVersion\":\"2\"}").json();

        TestApi.Reply r = api.get(ALIASES + "/live");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(created);
    }

    @Test
    void listAliasesPagesByNameAndFiltersByVersion() {
        for (String name : new String[] {"c", "a", "b"}) {
            api.post(ALIASES, "{\"Name\":\"" + name + "\",\"FunctionVersion\":\"" + (name.equals("b") ? "2" : "1")
                    + "\"}");
        }

        JsonNode all = api.get(ALIASES).json();
        JsonNode first = api.get(ALIASES + "?MaxItems=2").json();
        JsonNode rest = api.get(ALIASES + "?MaxItems=2&Marker=" + first.get("NextMarker").textValue()).json();
        JsonNode onV1 = api.get(ALIASES + "?FunctionVersion=1").json();

        assertThat(all.get("Aliases")).extracting(a -> a.get("Name").textValue()).containsExactly("a", "b", "c");
        assertThat(all.get("Aliases").get(0).get("AliasArn").textValue()).isEqualTo(ARN + "fn:a");
        assertThat(all.has("NextMarker")).isFalse();
        assertThat(first.get("Aliases")).extracting(a -> a.get("Name").textValue()).containsExactly("a", "b");
        assertThat(first.get("NextMarker").textValue()).isEqualTo("b");
        assertThat(rest.get("Aliases")).extracting(a -> a.get("Name").textValue()).containsExactly("c");
        assertThat(onV1.get("Aliases")).extracting(a -> a.get("Name").textValue()).containsExactly("a", "c");
    }

    @Test
    void updateAliasChangesOnlyGivenFieldsAndChecksTheRevision() {
        JsonNode created = api.post(ALIASES, "{\"Name\":\"live\",\"FunctionVersion\":\"1\",\"Description\":\"d\","
                + "\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":0.25}}}").json();

        TestApi.Reply moved = api.put(ALIASES + "/live", "{\"FunctionVersion\":\"2\",\"RoutingConfig\":{"
                + "\"AdditionalVersionWeights\":{\"1\":1}},\"RevisionId\":\"" + created.get("RevisionId").textValue()
                + "\"}");
        TestApi.Reply cleared = api.put(ALIASES + "/live", "{\"RoutingConfig\":{\"AdditionalVersionWeights\":{}}}");
        TestApi.Reply kept = api.put(ALIASES + "/live", "{}");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("FunctionVersion").textValue()).isEqualTo("2");
        assertThat(moved.json().get("Description").textValue()).isEqualTo("d");
        assertThat(moved.json().get("RoutingConfig").get("AdditionalVersionWeights").get("1").doubleValue())
                .isEqualTo(1.0);
        assertThat(moved.json().get("RevisionId").textValue()).isNotEqualTo(created.get("RevisionId").textValue());
        assertThat(cleared.json().has("RoutingConfig")).isFalse();
        assertThat(kept.json().get("FunctionVersion").textValue()).isEqualTo("2");
        assertThat(api.control.getAlias("fn", "live").additionalVersionWeights()).isEmpty();
    }

    @Test
    void deleteAliasAnswers204ThenItIsGone() {
        api.post(ALIASES, "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}");

        TestApi.Reply r = api.delete(ALIASES + "/live");

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        TestApi.assertError(api.get(ALIASES + "/live"), 404, "ResourceNotFoundException",
                "Alias not found: " + ARN + "fn:live");
        assertThat(api.delete("/2015-03-31/functions/fn?Qualifier=1").status()).as("no alias holds v1").isEqualTo(204);
    }
}
