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

/** The Lambda control-plane operations answered as Lambda answers them, through real HTTP. */
class ControlPlaneApiTest {
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
    void createFunctionAnswers201WithTheFullConfiguration() {
        ObjectNode body = TestApi.createBody("hello", "index.handler");
        body.put("Timeout", 30).put("MemorySize", 256).put("Description", "says hi");
        body.putObject("Environment").putObject("Variables").put("GREETING", "hi");
        body.putObject("Tags").put("team", "core");

        TestApi.Reply r = api.create(body);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        JsonNode c = r.json();
        byte[] zip = Base64.getDecoder().decode(body.get("Code").get("ZipFile").asText());
        var code = FakeControlPlane.codeRef(zip);
        String revision = api.control.get(io.hearth.model.FunctionRef.parse("hello", null)).latest().revisionId();
        assertThat(c).isEqualTo(TestApi.JSON.createObjectNode()
                .put("FunctionName", "hello")
                .put("FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:hello")
                .put("Runtime", "python3.12")
                .put("Role", "arn:aws:iam::123456789012:role/lambda")
                .put("Handler", "index.handler")
                .put("CodeSize", zip.length)
                .put("Description", "says hi")
                .put("Timeout", 30)
                .put("MemorySize", 256)
                .put("LastModified", "2026-11-22T12:00:00.000+0000")
                .put("CodeSha256", code.sha256Base64())
                .put("Version", "$LATEST")
                .<ObjectNode>set("Environment", TestApi.JSON.createObjectNode()
                        .set("Variables", TestApi.JSON.createObjectNode().put("GREETING", "hi")))
                .<ObjectNode>set("TracingConfig", TestApi.JSON.createObjectNode().put("Mode", "PassThrough"))
                .put("RevisionId", revision)
                .put("State", "Active")
                .put("LastUpdateStatus", "Successful")
                .put("PackageType", "Zip")
                .<ObjectNode>set("Architectures", TestApi.JSON.createArrayNode().add("x86_64"))
                .<ObjectNode>set("EphemeralStorage", TestApi.JSON.createObjectNode().put("Size", 512))
                .<ObjectNode>set("SnapStart", TestApi.JSON.createObjectNode().put("ApplyOn", "None")
                        .put("OptimizationStatus", "Off"))
                .set("LoggingConfig", TestApi.JSON.createObjectNode().put("LogFormat", "Text")
                        .put("LogGroup", "/aws/lambda/hello")));
        assertThat(api.control.listTags(TestApi.ARNS.function("hello"))).containsEntry("team", "core");
    }

    @Test
    void createAppliesLambdaDefaultsAndOmitsAnEmptyEnvironment() {
        JsonNode c = api.create("plain").json();

        assertThat(c.get("Timeout").intValue()).isEqualTo(3);
        assertThat(c.get("MemorySize").intValue()).isEqualTo(128);
        assertThat(c.get("Description").textValue()).isEmpty();
        assertThat(c.has("Environment")).isFalse();
    }

    @Test
    void createWithoutHandlerOnAProvidedRuntimeStoresBootstrap() {
        ObjectNode body = TestApi.createBody("custom", "x");
        body.remove("Handler");
        body.put("Runtime", "provided.al2023");
        body.remove("Role");

        TestApi.Reply r = api.create(body);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("Handler").textValue()).isEqualTo("bootstrap");
        assertThat(r.json().get("Role").textValue()).isEqualTo("arn:aws:iam::123456789012:role/hearth");
    }

    @Test
    void getFunctionReturnsConfigurationCodeLocationAndTags() {
        ObjectNode body = TestApi.createBody("fetch-me", "index.handler");
        body.putObject("Tags").put("env", "dev");
        api.create(body);
        String sha = FakeControlPlane.codeRef(Base64.getDecoder().decode(body.get("Code").get("ZipFile").asText()))
                .sha256Hex();

        TestApi.Reply r = api.get("/2015-03-31/functions/fetch-me");

        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("Configuration").get("FunctionName").textValue()).isEqualTo("fetch-me");
        assertThat(j.get("Configuration").get("FunctionArn").textValue())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:fetch-me");
        assertThat(j.get("Code").get("RepositoryType").textValue()).isEqualTo("S3");
        assertThat(j.get("Code").get("Location").textValue())
                .isEqualTo(api.base + "/hearth/v1/code/" + sha);
        assertThat(j.get("Tags")).isEqualTo(TestApi.JSON.createObjectNode().put("env", "dev"));
        assertThat(api.get(j.get("Code").get("Location").textValue().substring(api.base.toString().length()))
                .body()).isEqualTo(Base64.getDecoder().decode(body.get("Code").get("ZipFile").asText()));
    }

    @Test
    void getFunctionWithoutTagsOmitsThem() {
        api.create("untagged");

        assertThat(api.get("/2015-03-31/functions/untagged").json().has("Tags")).isFalse();
    }

    @Test
    void getFunctionAcceptsArnsAndQualifiersAndAnswersWithAQualifiedArn() {
        api.create("named");
        String arn = URLEncoder.encode("arn:aws:lambda:us-east-1:123456789012:function:named", StandardCharsets.UTF_8);

        TestApi.Reply byArn = api.get("/2015-03-31/functions/" + arn + "/configuration");
        TestApi.Reply qualified = api.get("/2015-03-31/functions/named/configuration?Qualifier=%24LATEST");
        TestApi.Reply embedded = api.get("/2015-03-31/functions/named%3A%24LATEST");

        assertThat(byArn.status()).isEqualTo(200);
        assertThat(byArn.json().get("FunctionArn").textValue()).endsWith(":function:named");
        assertThat(qualified.json().get("FunctionArn").textValue())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:named:$LATEST");
        assertThat(embedded.json().get("Configuration").get("Version").textValue()).isEqualTo("$LATEST");
    }

    @Test
    void listFunctionsPagesWithMarkerAndMaxItems() {
        for (String n : new String[] {"a1", "a2", "a3"}) api.create(n);

        JsonNode first = api.get("/2015-03-31/functions?MaxItems=2").json();
        JsonNode second = api.get("/2015-03-31/functions?MaxItems=2&Marker=" + first.get("NextMarker").textValue()).json();
        JsonNode all = api.get("/2015-03-31/functions").json();

        assertThat(first.get("Functions")).extracting(f -> f.get("FunctionName").textValue()).containsExactly("a1", "a2");
        assertThat(first.get("NextMarker").textValue()).isEqualTo("a2");
        assertThat(second.get("Functions")).extracting(f -> f.get("FunctionName").textValue()).containsExactly("a3");
        assertThat(second.has("NextMarker")).isFalse();
        assertThat(all.get("Functions")).hasSize(3);
        assertThat(all.get("Functions").get(0).get("FunctionArn").textValue()).endsWith(":function:a1");
        assertThat(api.get("/2015-03-31/functions?FunctionVersion=ALL").json().get("Functions")).hasSize(3);
    }

    @Test
    void updateFunctionCodeStoresTheNewZipAndChecksTheRevision() {
        String oldRevision = api.create("coded").json().get("RevisionId").textValue();
        byte[] zip = TestApi.zip("index.py", "def handler(e, c):\n    return 2\n");
        String zip64 = Base64.getEncoder().encodeToString(zip);

        TestApi.Reply dry = api.put("/2015-03-31/functions/coded/code",
                "{\"ZipFile\":\"" + zip64 + "\",\"DryRun\":true}");
        TestApi.Reply r = api.put("/2015-03-31/functions/coded/code",
                "{\"ZipFile\":\"" + zip64 + "\",\"RevisionId\":\"" + oldRevision + "\",\"Publish\":false}");

        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("RevisionId").textValue()).isEqualTo(oldRevision);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("CodeSha256").textValue()).isEqualTo(FakeControlPlane.codeRef(zip).sha256Base64());
        assertThat(r.json().get("CodeSize").longValue()).isEqualTo(zip.length);
        assertThat(r.json().get("RevisionId").textValue()).isNotEqualTo(oldRevision);
        TestApi.Reply stale = api.put("/2015-03-31/functions/coded/code",
                "{\"ZipFile\":\"" + zip64 + "\",\"RevisionId\":\"" + oldRevision + "\"}");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("x-amzn-ErrorType")).isEqualTo("PreconditionFailedException");
    }

    @Test
    void updateFunctionConfigurationPatchesOnlyGivenFields() {
        ObjectNode body = TestApi.createBody("tuned", "index.handler");
        body.putObject("Environment").putObject("Variables").put("AB", "1");
        body.put("Description", "kept");
        api.create(body);

        TestApi.Reply r = api.put("/2015-03-31/functions/tuned/configuration",
                "{\"Timeout\":60,\"MemorySize\":1024,\"Runtime\":\"nodejs22.x\",\"Handler\":\"index.main\","
                        + "\"Role\":\"arn:aws:iam::123456789012:role/other\"}");
        TestApi.Reply cleared = api.put("/2015-03-31/functions/tuned/configuration", "{\"Environment\":{}}");

        assertThat(r.status()).isEqualTo(200);
        JsonNode c = r.json();
        assertThat(c.get("Timeout").intValue()).isEqualTo(60);
        assertThat(c.get("MemorySize").intValue()).isEqualTo(1024);
        assertThat(c.get("Runtime").textValue()).isEqualTo("nodejs22.x");
        assertThat(c.get("Handler").textValue()).isEqualTo("index.main");
        assertThat(c.get("Role").textValue()).isEqualTo("arn:aws:iam::123456789012:role/other");
        assertThat(c.get("Description").textValue()).isEqualTo("kept");
        assertThat(c.get("Environment").get("Variables").get("AB").textValue()).isEqualTo("1");
        assertThat(cleared.json().has("Environment")).isFalse();
    }

    @Test
    void deleteFunctionAnswers204ThenTheFunctionIsGone() {
        api.create("doomed");

        TestApi.Reply r = api.delete("/2015-03-31/functions/doomed");

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("x-amzn-RequestId")).isNotBlank();
        TestApi.Reply gone = api.get("/2015-03-31/functions/doomed");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
        assertThat(gone.json().get("Message").textValue())
                .isEqualTo("Function not found: arn:aws:lambda:us-east-1:123456789012:function:doomed");
    }

    @Test
    void tagsAreListedAddedAndRemovedByUrlEncodedArn() {
        api.create("tagged");
        String arn = "/2017-03-31/tags/" + URLEncoder.encode(TestApi.ARNS.function("tagged"), StandardCharsets.UTF_8);

        TestApi.Reply tag = api.post(arn, "{\"Tags\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}}");
        TestApi.Reply untag = api.delete(arn + "?tagKeys=a&tagKeys=c");
        TestApi.Reply list = api.get(arn);

        assertThat(tag.status()).isEqualTo(204);
        assertThat(untag.status()).isEqualTo(204);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).isEqualTo(TestApi.JSON.createObjectNode()
                .set("Tags", TestApi.JSON.createObjectNode().put("b", "2")));
    }

    @Test
    void accountSettingsReportLimitsAndUsage() {
        api.create("counted");

        JsonNode j = api.get("/2016-08-19/account-settings").json();

        assertThat(j.get("AccountLimit").get("TotalCodeSize").longValue()).isEqualTo(80_530_636_800L);
        assertThat(j.get("AccountLimit").get("CodeSizeUnzipped").longValue()).isEqualTo(262_144_000L);
        assertThat(j.get("AccountLimit").get("CodeSizeZipped").longValue()).isEqualTo(52_428_800L);
        assertThat(j.get("AccountLimit").get("ConcurrentExecutions").intValue()).isEqualTo(1000);
        assertThat(j.get("AccountLimit").get("UnreservedConcurrentExecutions").intValue()).isEqualTo(1000);
        assertThat(j.get("AccountUsage").get("FunctionCount").longValue()).isEqualTo(1);
        assertThat(j.get("AccountUsage").get("TotalCodeSize").longValue()).isPositive();
    }
}
