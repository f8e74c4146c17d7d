package io.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PublishVersion, ListVersionsByFunction, {@code Publish} on create and code updates, and reads,
 * deletes and invokes of a qualified function, through real HTTP.
 */
class VersionsApiTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
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

    private static TestApi.Reply publish(String name, String body) {
        return api.post("/2015-03-31/functions/" + name + "/versions", body);
    }

    private static String zip64(String content) {
        return Base64.getEncoder().encodeToString(TestApi.zip("index.py", content));
    }

    @Test
    void publishVersionAnswers201WithTheVersionUnderItsQualifiedArn() {
        JsonNode latest = api.create("pub").json();

        TestApi.Reply r = publish("pub", "{\"Description\":\"first\",\"CodeSha256\":\""
                + latest.get("CodeSha256").textValue() + "\",\"RevisionId\":\"" + latest.get("RevisionId").textValue()
                + "\"}");

        assertThat(r.status()).isEqualTo(201);
        JsonNode v = r.json();
        assertThat(v.get("Version").textValue()).isEqualTo("1");
        assertThat(v.get("FunctionArn").textValue()).isEqualTo(ARN + "pub:1");
        assertThat(v.get("FunctionName").textValue()).isEqualTo("pub");
        assertThat(v.get("Description").textValue()).isEqualTo("first");
        assertThat(v.get("CodeSha256").textValue()).isEqualTo(latest.get("CodeSha256").textValue());
        assertThat(v.get("RevisionId").textValue()).isNotEqualTo(latest.get("RevisionId").textValue());
        assertThat(v.get("State").textValue()).isEqualTo("Active");
        assertThat(v.get("LastUpdateStatus").textValue()).isEqualTo("Successful");
    }

    @Test
    void publishingAnUnchangedLatestAnswersTheLastVersionAndAChangeMakesTheNext() {
        api.create("again");
        publish("again", null);

        TestApi.Reply same = publish("again", "{}");
        api.put("/2015-03-31/functions/again/configuration", "{\"Timeout\":9}");
        TestApi.Reply next = publish("again", "");

        assertThat(same.status()).isEqualTo(201);
        assertThat(same.json().get("Version").textValue()).isEqualTo("1");
        assertThat(next.json().get("Version").textValue()).isEqualTo("2");
        assertThat(next.json().get("Timeout").intValue()).isEqualTo(9);
    }

    @Test
    void publishAcceptsTheFunctionArn() {
        api.create("by-arn");

        TestApi.Reply r = publish(URLEncoder.encode(ARN + "by-arn", StandardCharsets.UTF_8), "{}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("FunctionArn").textValue()).isEqualTo(ARN + "by-arn:1");
    }

    @Test
    void listVersionsShowsLatestFirstThenVersionsAndPages() {
        api.create("many");
        publish("many", "{}");
        api.put("/2015-03-31/functions/many/configuration", "{\"Timeout\":5}");
        publish("many", "{}");

        JsonNode all = api.get("/2015-03-31/functions/many/versions").json();
        JsonNode first = api.get("/2015-03-31/functions/many/versions?MaxItems=2").json();
        JsonNode rest = api.get("/2015-03-31/functions/many/versions?MaxItems=2&Marker="
                + URLEncoder.encode(first.get("NextMarker").textValue(), StandardCharsets.UTF_8)).json();

        assertThat(all.get("Versions")).extracting(v -> v.get("Version").textValue())
                .containsExactly("$LATEST", "1", "2");
        assertThat(all.get("Versions")).extracting(v -> v.get("FunctionArn").textValue())
                .containsExactly(ARN + "many:$LATEST", ARN + "many:1", ARN + "many:2");
        assertThat(all.has("NextMarker")).isFalse();
        assertThat(first.get("Versions")).extracting(v -> v.get("Version").textValue()).containsExactly("$LATEST", "1");
        assertThat(first.get("NextMarker").textValue()).isEqualTo("1");
        assertThat(rest.get("Versions")).extracting(v -> v.get("Version").textValue()).containsExactly("2");
        assertThat(rest.has("NextMarker")).isFalse();
    }

    @Test
    void createWithPublishAnswersVersionOne() {
        ObjectNode body = TestApi.createBody("born-published", "index.handler").put("Publish", true);

        TestApi.Reply r = api.create(body);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("Version").textValue()).isEqualTo("1");
        assertThat(r.json().get("FunctionArn").textValue()).isEqualTo(ARN + "born-published:1");
        assertThat(api.get("/2015-03-31/functions/born-published/versions").json().get("Versions")).hasSize(2);
    }

    @Test
    void updateCodeWithPublishAnswersTheNewVersionAndWithoutItLatest() {
        api.create("recoded");

        TestApi.Reply plain = api.put("/2015-03-31/functions/recoded/code",
                "{\"ZipFile\":\"" + zip64("def handler(e, c):\n    return 1\n") + "\"}");
        TestApi.Reply published = api.put("/2015-03-31/functions/recoded/code",
                "{\"ZipFile\":\"" + zip64("def handler(e, c):\n    return 2\n") + "\",\"Publish\":true}");

        assertThat(plain.json().get("Version").textValue()).isEqualTo("$LATEST");
        assertThat(plain.json().get("FunctionArn").textValue()).isEqualTo(ARN + "recoded");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("Version").textValue()).isEqualTo("1");
        assertThat(published.json().get("FunctionArn").textValue()).isEqualTo(ARN + "recoded:1");
        assertThat(published.json().get("CodeSha256").textValue())
                .isNotEqualTo(plain.json().get("CodeSha256").textValue());
    }

    @Test
    void getWithAQualifierShowsThatVersionUnderTheQualifierAsGiven() {
        ObjectNode body = TestApi.createBody("shown", "index.handler");
        body.putObject("Tags").put("team", "core");
        api.create(body);
        String v1Sha = publish("shown", "{}").json().get("CodeSha256").textValue();
        api.put("/2015-03-31/functions/shown/code", "{\"ZipFile\":\"" + zip64("def handler(e, c): pass\n") + "\"}");
        api.post("/2015-03-31/functions/shown/aliases", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}");

        JsonNode byNumber = api.get("/2015-03-31/functions/shown?Qualifier=1").json();
        JsonNode byAlias = api.get("/2015-03-31/functions/shown%3Alive").json();
        JsonNode config = api.get("/2015-03-31/functions/shown/configuration?Qualifier=live").json();
        JsonNode latest = api.get("/2015-03-31/functions/shown").json();

        assertThat(byNumber.get("Configuration").get("Version").textValue()).isEqualTo("1");
        assertThat(byNumber.get("Configuration").get("FunctionArn").textValue()).isEqualTo(ARN + "shown:1");
        assertThat(byNumber.get("Configuration").get("CodeSha256").textValue()).isEqualTo(v1Sha);
        assertThat(byNumber.get("Tags").get("team").textValue()).isEqualTo("core");
        String v1Hex = FakeControlPlane.codeRef(TestApi.zip("index.py", "def handler(e, c):\n    return e\n"))
                .sha256Hex();
        assertThat(byNumber.get("Code").get("Location").textValue()).isEqualTo(api.base + "/hearth/v1/code/" + v1Hex);
        assertThat(byAlias.get("Configuration").get("Version").textValue()).isEqualTo("1");
        assertThat(byAlias.get("Configuration").get("FunctionArn").textValue()).isEqualTo(ARN + "shown:live");
        assertThat(byAlias.get("Code").get("Location").textValue()).endsWith(v1Hex);
        assertThat(config.get("Version").textValue()).isEqualTo("1");
        assertThat(config.get("FunctionArn").textValue()).isEqualTo(ARN + "shown:live");
        assertThat(latest.get("Configuration").get("CodeSha256").textValue()).isNotEqualTo(v1Sha);
        assertThat(latest.get("Code").get("Location").textValue()).doesNotEndWith(v1Hex);
    }

    @Test
    void deleteWithAVersionQualifierDeletesOnlyThatVersion() {
        api.create("pruned");
        publish("pruned", "{}");

        TestApi.Reply r = api.delete("/2015-03-31/functions/pruned?Qualifier=1");

        assertThat(r.status()).isEqualTo(204);
        assertThat(api.get("/2015-03-31/functions/pruned?Qualifier=1").status()).isEqualTo(404);
        assertThat(api.get("/2015-03-31/functions/pruned").status()).isEqualTo(200);
        assertThat(api.get("/2015-03-31/functions/pruned/versions").json().get("Versions")).hasSize(1);
    }

    @Test
    void deletingTheFunctionTakesItsVersionsAndAliases() {
        api.create("gone");
        publish("gone", "{}");
        api.post("/2015-03-31/functions/gone/aliases", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}");

        assertThat(api.delete("/2015-03-31/functions/gone").status()).isEqualTo(204);
        api.create("gone");

        assertThat(api.get("/2015-03-31/functions/gone/versions").json().get("Versions")).hasSize(1);
        assertThat(api.get("/2015-03-31/functions/gone/aliases").json().get("Aliases")).isEmpty();
    }

    @Test
    void invokeOfAVersionOrAliasReportsTheExecutedVersion() {
        api.create("run");
        publish("run", "{}");
        api.post("/2015-03-31/functions/run/aliases", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}");

        TestApi.Reply byNumber = api.post("/2015-03-31/functions/run/invocations?Qualifier=1", "{\"a\":1}");
        TestApi.Reply byAlias = api.post("/2015-03-31/functions/run%3Alive/invocations", "{}");
        TestApi.Reply latest = api.post("/2015-03-31/functions/run/invocations", "{}");
        TestApi.Reply unknown = api.post("/2015-03-31/functions/run/invocations?Qualifier=7", "{}");

        assertThat(byNumber.status()).isEqualTo(200);
        assertThat(byNumber.text()).isEqualTo("{\"a\":1}");
        assertThat(byNumber.header("X-Amz-Executed-Version")).isEqualTo("1");
        assertThat(byAlias.header("X-Amz-Executed-Version")).isEqualTo("1");
        assertThat(api.invoke.commands()).extracting(c -> c.ref().qualifier().orElse(null))
                .containsExactly("1", "live", null);
        assertThat(latest.header("X-Amz-Executed-Version")).isEqualTo("$LATEST");
        TestApi.assertError(unknown, 404, "ResourceNotFoundException", ARN + "run:7");
        assertThat(unknown.optionalHeader("X-Amz-Executed-Version")).isEmpty();
    }

    @Test
    void listFunctionsWithVersionAllShowsEveryVersionQualified() {
        api.create("f1");
        publish("f1", "{}");
        api.create("f2");

        JsonNode all = api.get("/2015-03-31/functions?FunctionVersion=ALL").json();
        JsonNode plain = api.get("/2015-03-31/functions").json();

        assertThat(all.get("Functions")).extracting(f -> f.get("FunctionArn").textValue())
                .containsExactly(ARN + "f1:$LATEST", ARN + "f1:1", ARN + "f2:$LATEST");
        assertThat(plain.get("Functions")).extracting(f -> f.get("FunctionArn").textValue())
                .containsExactly(ARN + "f1", ARN + "f2");
    }
}
