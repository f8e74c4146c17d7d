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
 * Bad version and alias requests are refused with Lambda's error types: at the edge for what the
 * request alone shows, by the engine (here the fake) for what needs stored state.
 */
class VersioningValidationTest {
    private static final String INVALID = "InvalidParameterValueException";
    private static final String CONTENT = "InvalidRequestContentException";
    private static final String NOT_FOUND = "ResourceNotFoundException";
    private static final String CONFLICT = "ResourceConflictException";
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

    /** Function {@code fn} with version 1 and its {@code $LATEST} changed since. */
    @BeforeEach
    void reset() {
        api.reset();
        api.create("fn");
        api.post("/2015-03-31/functions/fn/versions", "{}");
        api.put("/2015-03-31/functions/fn/configuration", "{\"Timeout\":7}");
    }

    private static TestApi.Reply createAlias(String body) {
        return api.post(ALIASES, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "0", "has space", "dot.ted", ""})
    void aliasNamesThatAreNumbersOrMalformedAreRefused(String name) {
        assertError(createAlias("{\"Name\":\"" + name + "\",\"FunctionVersion\":\"1\"}"), 400, INVALID,
                "Value '" + name + "' at 'name' failed to satisfy constraint");
    }

    @Test
    void aliasNameLongerThan128IsRefused() {
        String name = "a".repeat(129);

        assertError(createAlias("{\"Name\":\"" + name + "\",\"FunctionVersion\":\"1\"}"), 400, INVALID, "at 'name'");
        assertThat(createAlias("{\"Name\":\"" + "a".repeat(128) + "\",\"FunctionVersion\":\"1\"}").status())
                .isEqualTo(201);
    }

    @Test
    void aNumericAliasInThePathIsRefused() {
        assertError(api.get(ALIASES + "/12"), 400, INVALID, "Value '12' at 'name'");
        assertError(api.put(ALIASES + "/12", "{}"), 400, INVALID, "Value '12' at 'name'");
        assertError(api.delete(ALIASES + "/12"), 400, INVALID, "Value '12' at 'name'");
    }

    @Test
    void nameAndFunctionVersionAreRequired() {
        assertError(createAlias("{\"FunctionVersion\":\"1\"}"), 400, INVALID, "Value null at 'name'");
        assertError(createAlias("{\"Name\":\"live\"}"), 400, INVALID, "Value null at 'functionVersion'");
        assertError(createAlias(""), 400, INVALID, "Value null at 'name'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"live", "$latest", "-1", "1.0"})
    void functionVersionMustBeLatestOrANumber(String version) {
        assertError(createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"" + version + "\"}"), 400, INVALID,
                "Value '" + version + "' at 'functionVersion'");
        assertError(api.put(ALIASES + "/a", "{\"FunctionVersion\":\"" + version + "\"}"), 400, INVALID,
                "at 'functionVersion'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "-0.1", "1.0000001", "1e400"})
    void weightsOutsideZeroToOneAreRefused(String weight) {
        assertError(createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"$LATEST\",\"RoutingConfig\":"
                + "{\"AdditionalVersionWeights\":{\"1\":" + weight + "}}}"), 400, INVALID,
                "is out of range [0.0, 1.0]");
    }

    @Test
    void boundaryWeightsAreAccepted() {
        api.post("/2015-03-31/functions/fn/versions", "{}");

        assertThat(createAlias("{\"Name\":\"zero\",\"FunctionVersion\":\"1\",\"RoutingConfig\":"
                + "{\"AdditionalVersionWeights\":{\"2\":0}}}").status()).isEqualTo(201);
        assertThat(createAlias("{\"Name\":\"one\",\"FunctionVersion\":\"1\",\"RoutingConfig\":"
                + "{\"AdditionalVersionWeights\":{\"2\":1.0}}}").status()).isEqualTo(201);
    }

    @Test
    void twoAdditionalVersionsAreRefused() {
        assertError(createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"1\",\"RoutingConfig\":"
                + "{\"AdditionalVersionWeights\":{\"2\":0.1,\"3\":0.2}}}"), 400, INVALID,
                "Number of items in AdditionalVersionWeights must be less than or equal to 1.");
    }

    @Test
    void anAdditionalVersionMustBeAPublishedNumber() {
        assertError(createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"1\",\"RoutingConfig\":"
                + "{\"AdditionalVersionWeights\":{\"$LATEST\":0.1}}}"), 400, INVALID,
                "Invalid function version $LATEST");
    }

    @Test
    void aWeightOnTheAliasOwnVersionIsRefusedByTheModel() {
        assertError(createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"1\",\"RoutingConfig\":"
                + "{\"AdditionalVersionWeights\":{\"1\":0.5}}}"), 400, INVALID, "own function version 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"RoutingConfig\":\"2=0.1\"}",
            "{\"RoutingConfig\":[]}",
            "{\"RoutingConfig\":{\"AdditionalVersionWeights\":[\"2\",0.1]}}",
            "{\"RoutingConfig\":{\"AdditionalVersionWeights\":\"2\"}}",
            "{\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":\"0.1\"}}}",
            "{\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":true}}}",
            "{\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":null}}}",
            "{\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":{}}}}"})
    void malformedRoutingConfigTypesAre400(String body) {
        String createBody = "{\"Name\":\"a\",\"FunctionVersion\":\"1\"," + body.substring(1);

        assertError(createAlias(createBody), 400, CONTENT, "Could not parse request body into json");
        assertError(api.put(ALIASES + "/a", body), 400, CONTENT, "Could not parse request body into json");
    }

    @Test
    void wrongTypesOfOtherAliasFieldsAre400() {
        assertError(createAlias("{\"Name\":5,\"FunctionVersion\":\"1\"}"), 400, CONTENT, "at 'Name'");
        assertError(createAlias("{\"Name\":\"a\",\"FunctionVersion\":1}"), 400, CONTENT, "at 'FunctionVersion'");
        assertError(api.put(ALIASES + "/a", "{\"RevisionId\":[]}"), 400, CONTENT, "at 'RevisionId'");
        assertError(api.post("/2015-03-31/functions/fn/versions", "{\"Description\":{}}"), 400, CONTENT,
                "at 'Description'");
        assertError(createAlias("[]"), 400, CONTENT, "must be a JSON object");
    }

    @Test
    void descriptionsLongerThan256AreRefused() {
        String longText = "d".repeat(257);

        assertError(createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"1\",\"Description\":\"" + longText + "\"}"),
                400, INVALID, "at 'description'");
        assertError(api.post("/2015-03-31/functions/fn/versions", "{\"Description\":\"" + longText + "\"}"), 400,
                INVALID, "at 'description'");
    }

    @Test
    void unknownVersionsAndAliasesAre404() {
        assertError(createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"9\"}"), 404, NOT_FOUND, ARN + "fn:9");
        assertError(createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"1\",\"RoutingConfig\":"
                + "{\"AdditionalVersionWeights\":{\"8\":0.5}}}"), 404, NOT_FOUND, ARN + "fn:8");
        assertError(api.get(ALIASES + "/nope"), 404, NOT_FOUND, "Alias not found: " + ARN + "fn:nope");
        assertError(api.put(ALIASES + "/nope", "{}"), 404, NOT_FOUND, "Alias not found");
        assertError(api.delete(ALIASES + "/nope"), 404, NOT_FOUND, "Alias not found");
        assertError(api.get("/2015-03-31/functions/fn?Qualifier=nope"), 404, NOT_FOUND, ARN + "fn:nope");
        assertError(api.get("/2015-03-31/functions/fn/configuration?Qualifier=5"), 404, NOT_FOUND, ARN + "fn:5");
        assertError(api.delete("/2015-03-31/functions/fn?Qualifier=5"), 404, NOT_FOUND, ARN + "fn:5");
    }

    @Test
    void unknownFunctionsAre404OnEveryVersioningRoute() {
        String base = "/2015-03-31/functions/ghost";

        assertError(api.post(base + "/versions", "{}"), 404, NOT_FOUND, "ghost");
        assertError(api.get(base + "/versions"), 404, NOT_FOUND, "ghost");
        assertError(api.post(base + "/aliases", "{\"Name\":\"a\",\"FunctionVersion\":\"1\"}"), 404, NOT_FOUND, "ghost");
        assertError(api.get(base + "/aliases"), 404, NOT_FOUND, "ghost");
        assertError(api.get(base + "/aliases/a"), 404, NOT_FOUND, "ghost");
    }

    @Test
    void aStaleRevisionIdIs412() {
        String revision = createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"1\"}").json()
                .get("RevisionId").textValue();
        api.put(ALIASES + "/a", "{\"Description\":\"changed\"}");

        assertError(api.put(ALIASES + "/a", "{\"FunctionVersion\":\"$LATEST\",\"RevisionId\":\"" + revision + "\"}"),
                412, "PreconditionFailedException", "does not match the latest Revision Id");
        assertError(api.post("/2015-03-31/functions/fn/versions", "{\"RevisionId\":\"stale\"}"), 412,
                "PreconditionFailedException", "Revision Id");
        assertThat(api.control.getAlias("fn", "a").functionVersion()).isEqualTo("1");
    }

    @Test
    void aCodeSha256OtherThanLatestsIsRefused() {
        assertError(api.post("/2015-03-31/functions/fn/versions",
                "{\"CodeSha256\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}"), 400, INVALID,
                "is different from current CodeSHA256 in $LATEST");
    }

    @Test
    void duplicateAliasesAndVersionsInUseAreConflicts() {
        createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"1\"}");

        assertError(createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"$LATEST\"}"), 409, CONFLICT,
                "Alias already exists: " + ARN + "fn:a");
        assertError(api.delete("/2015-03-31/functions/fn?Qualifier=1"), 409, CONFLICT, "[a]");
    }

    @Test
    void deleteFunctionRefusesLatestAndAliasQualifiers() {
        createAlias("{\"Name\":\"a\",\"FunctionVersion\":\"1\"}");

        assertError(api.delete("/2015-03-31/functions/fn?Qualifier=%24LATEST"), 400, INVALID, "$LATEST version");
        assertError(api.delete("/2015-03-31/functions/fn%3Aa"), 400, INVALID, "DeleteAlias");
        assertThat(api.get(ALIASES + "/a").status()).isEqualTo(200);
    }

    @Test
    void versioningOperationsTakeOnlyUnqualifiedFunctionNames() {
        assertError(api.post("/2015-03-31/functions/fn%3A1/versions", "{}"), 400, INVALID,
                "PublishVersion cannot carry a qualifier: fn:1");
        assertError(api.get("/2015-03-31/functions/fn%3Aa/versions"), 400, INVALID, "ListVersionsByFunction");
        assertError(api.post("/2015-03-31/functions/fn%3A1/aliases", "{\"Name\":\"a\",\"FunctionVersion\":\"1\"}"),
                400, INVALID, "CreateAlias");
        assertError(api.get("/2015-03-31/functions/bad%20name/aliases"), 400, INVALID, "'functionName'");
    }

    @Test
    void listingParametersAreChecked() {
        assertError(api.get("/2015-03-31/functions/fn/versions?MaxItems=0"), 400, INVALID, "at 'maxItems'");
        assertError(api.get(ALIASES + "?MaxItems=10001"), 400, INVALID, "at 'maxItems'");
        assertError(api.get(ALIASES + "?FunctionVersion=live"), 400, INVALID, "Value 'live' at 'functionVersion'");
        assertError(api.get("/2015-03-31/functions?FunctionVersion=1"), 400, INVALID, "[ALL]");
    }

    @Test
    void aRefusedRequestReachesNoEngineCall() {
        api.control.failNext(new IllegalStateException("the engine was called"));

        assertError(createAlias("{\"Name\":\"7\",\"FunctionVersion\":\"1\"}"), 400, INVALID, "at 'name'");
        assertError(api.put(ALIASES + "/a", "{\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":2}}}"), 400,
                INVALID, "out of range");
        assertError(api.post(ALIASES, "{\"Name\":\"a\",\"FunctionVersion\":\"1\",\"RoutingConfig\":"
                + "{\"AdditionalVersionWeights\":{\"2\":0.1,\"3\":0.1}}}"), 400, INVALID, "less than or equal to 1");

        assertError(api.get(ALIASES), 500, "ServiceException", "internal error");
    }

    @Test
    void wrongMethodsOnVersioningPathsAre405() {
        assertError(api.delete("/2015-03-31/functions/fn/versions"), 405, "MethodNotAllowedException", "DELETE");
        assertError(api.post(ALIASES + "/a", "{}"), 405, "MethodNotAllowedException", "POST");
    }
}
