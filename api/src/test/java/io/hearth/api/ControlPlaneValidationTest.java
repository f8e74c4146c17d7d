package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad control-plane requests are refused at the edge with Lambda's error types and statuses. */
class ControlPlaneValidationTest {
    private static final String INVALID = "InvalidParameterValueException";
    private static final String CONTENT = "InvalidRequestContentException";
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

    @ParameterizedTest
    @ValueSource(strings = {"bad name", "has.dot", "a:b:c", "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void badFunctionNamesAreRefusedOnGet(String name) {
        TestApi.Reply r = api.get("/2015-03-31/functions/" + URLEncoder.encode(name, StandardCharsets.UTF_8));

        assertError(r, 400, INVALID, "at 'functionName' failed to satisfy constraint");
    }

    @Test
    void badFunctionNameIsRefusedOnCreate() {
        assertError(api.create(TestApi.createBody("no/slash", "index.handler")), 400, INVALID, "'functionName'");
        assertError(api.create(TestApi.createBody("fn:1", "index.handler")), 400, INVALID, "qualifier");
    }

    @Test
    void badQualifiersAreRefused() {
        api.create("q");

        assertError(api.get("/2015-03-31/functions/q?Qualifier=bad%20q"), 400, INVALID, "at 'qualifier'");
        assertError(api.get("/2015-03-31/functions/q%3A1?Qualifier=2"), 400, INVALID, "does not match");
        assertError(api.get("/2015-03-31/functions/q?Qualifier=7"), 404, "ResourceNotFoundException", ":q:7");
    }

    @Test
    void unknownRuntimeListsTheSupportedOnes() {
        ObjectNode body = TestApi.createBody("rt", "index.handler").put("Runtime", "java99");

        assertError(api.create(body), 400, INVALID, "Value 'java99' at 'runtime' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [python3.9, ");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 901})
    void timeoutOutOfRangeIsRefused(int timeout) {
        ObjectNode body = TestApi.createBody("t", "index.handler").put("Timeout", timeout);

        assertError(api.create(body), 400, INVALID, "Value " + timeout + " at 'timeout'");
    }

    @Test
    void memoryBelow128IsRefusedOnCreateAndUpdate() {
        assertError(api.create(TestApi.createBody("m", "index.handler").put("MemorySize", 127)), 400, INVALID,
                "Value 127 at 'memorySize'");
        api.create("m");
        assertError(api.put("/2015-03-31/functions/m/configuration", "{\"MemorySize\":127}"), 400, INVALID,
                "Value 127 at 'memorySize'");
    }

    @Test
    void missingRuntimeOrHandlerIsRefused() {
        ObjectNode noRuntime = TestApi.createBody("r", "index.handler");
        noRuntime.remove("Runtime");
        ObjectNode noHandler = TestApi.createBody("r", "index.handler");
        noHandler.remove("Handler");
        ObjectNode noName = TestApi.createBody("r", "index.handler");
        noName.remove("FunctionName");

        assertError(api.create(noRuntime), 400, INVALID, "Runtime and Handler are mandatory parameters");
        assertError(api.create(noHandler), 400, INVALID, "Runtime and Handler are mandatory parameters");
        assertError(api.create(noName), 400, INVALID, "Value null at 'functionName'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "{\"FunctionName\":\"x\",}", "[1,2]", "{} {}"})
    void malformedJsonIsInvalidRequestContent(String body) {
        assertError(api.post("/2015-03-31/functions", body), 400, CONTENT, "Could not parse request body into json: ");
    }

    @Test
    void wrongJsonTypesAreRefusedWith400() {
        assertError(api.create(TestApi.createBody("w", "index.handler").put("Timeout", "x")), 400, CONTENT,
                "`Integer` from String at 'Timeout'");
        assertError(api.create(TestApi.createBody("w", "index.handler").put("MemorySize", 1.5)), 400, CONTENT,
                "'MemorySize'");
        assertError(api.create(TestApi.createBody("w", "index.handler").put("Publish", "yes")), 400, CONTENT,
                "'Publish'");
        ObjectNode badEnv = TestApi.createBody("w", "index.handler");
        badEnv.putObject("Environment").putObject("Variables").put("KEY", 5);
        assertError(api.create(badEnv), 400, CONTENT, "'Variables.KEY'");
        assertError(api.create(TestApi.createBody("w", "index.handler").put("Timeout", 10_000_000_000L)), 400,
                CONTENT, "out of range");
    }

    @Test
    void badBase64ZipIsInvalidParameterValue() {
        ObjectNode body = TestApi.createBody("b", "index.handler");
        ((ObjectNode) body.get("Code")).put("ZipFile", "!!!not-base64!!!");

        assertError(api.create(body), 400, INVALID, "Could not decode ZipFile");
        api.create("b");
        assertError(api.put("/2015-03-31/functions/b/code", "{\"ZipFile\":\"%%%%\"}"), 400, INVALID,
                "Could not decode ZipFile");
    }

    @Test
    void onlyZipFileCodeIsSupported() {
        ObjectNode s3 = TestApi.createBody("s3", "index.handler");
        ((ObjectNode) s3.get("Code")).put("S3Bucket", "bucket").put("S3Key", "key").remove("ZipFile");
        ObjectNode noCode = TestApi.createBody("s3", "index.handler");
        noCode.remove("Code");
        api.create("code");

        assertError(api.create(s3), 400, INVALID, "only as a base64-encoded zip file in ZipFile");
        assertError(api.create(noCode), 400, INVALID, "Please provide a source for function code");
        assertError(api.put("/2015-03-31/functions/code/code", "{\"S3Bucket\":\"b\",\"S3Key\":\"k\"}"), 400,
                INVALID, "ZipFile");
        assertError(api.put("/2015-03-31/functions/code/code", "{\"ImageUri\":\"repo:tag\"}"), 400, INVALID,
                "ImageUri are not supported");
        assertError(api.put("/2015-03-31/functions/code/code", "{}"), 400, INVALID, "Please provide a source");
    }

    @Test
    void unsupportedFeaturesAreRefusedNotIgnored() {
        assertError(api.create(TestApi.createBody("i", "index.handler").put("PackageType", "Image")), 400, INVALID,
                "PackageType Image is not supported");
        ObjectNode layers = TestApi.createBody("i", "index.handler");
        layers.putArray("Layers").add("arn:aws:lambda:us-east-1:123456789012:layer:x:1");
        assertError(api.create(layers), 400, INVALID, "Layers are not supported");
        ObjectNode arm = TestApi.createBody("i", "index.handler");
        arm.putArray("Architectures").add("arm64");
        assertError(api.create(arm), 400, INVALID, "Architectures [arm64] are not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001", "abc", "-1"})
    void maxItemsOutsideOneToTenThousandIsRefused(String maxItems) {
        assertError(api.get("/2015-03-31/functions?MaxItems=" + maxItems), 400, INVALID, "at 'maxItems'");
    }

    @Test
    void boundaryMaxItemsAreAccepted() {
        assertThat(api.get("/2015-03-31/functions?MaxItems=1").status()).isEqualTo(200);
        assertThat(api.get("/2015-03-31/functions?MaxItems=10000").status()).isEqualTo(200);
    }

    @Test
    void taggingNeedsAnUnqualifiedFunctionArnAndTags() {
        api.create("t");
        String arn = "/2017-03-31/tags/" + URLEncoder.encode(TestApi.ARNS.function("t"), StandardCharsets.UTF_8);

        assertError(api.get("/2017-03-31/tags/t"), 400, INVALID, "unqualified function ARN");
        assertError(api.get("/2017-03-31/tags/" + URLEncoder.encode(TestApi.ARNS.function("t", "1"),
                StandardCharsets.UTF_8)), 400, INVALID, "unqualified function ARN");
        assertError(api.post(arn, "{}"), 400, INVALID, "Value null at 'tags'");
        assertError(api.post(arn, "{\"Tags\":{\"\":\"v\"}}"), 400, INVALID, "at 'tags'");
        assertError(api.delete(arn), 400, INVALID, "Value null at 'tagKeys'");
        assertError(api.get("/2017-03-31/tags/" + URLEncoder.encode(TestApi.ARNS.function("nope"),
                StandardCharsets.UTF_8)), 404, "ResourceNotFoundException", "nope");
    }

    @Test
    void deletingLatestAloneIsRefusedByTheEngine() {
        api.create("d");

        assertError(api.delete("/2015-03-31/functions/d?Qualifier=%24LATEST"), 400, INVALID, "$LATEST version");
    }

    @Test
    void createTwiceIsAConflict() {
        api.create("twice");

        assertError(api.create("twice"), 409, "ResourceConflictException", "Function already exist: twice");
    }

    @Test
    void createBodyOverTheLimitIs413WithContentLength() {
        long size = CreateFunctionHandler.MAX_BODY + 1L;
        TestApi.Reply r = api.send("POST", "/2015-03-31/functions",
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> filler(size)),
                        size));

        assertError(r, 413, "RequestTooLargeException",
                "Request must be smaller than 70167211 bytes for the CreateFunction operation");
    }

    @Test
    void createBodyOverTheLimitIs413WhenChunked() {
        long size = CreateFunctionHandler.MAX_BODY + 1000L;
        TestApi.Reply r = api.send("POST", "/2015-03-31/functions",
                HttpRequest.BodyPublishers.ofInputStream(() -> filler(size)));

        assertError(r, 413, "RequestTooLargeException", "CreateFunction");
        assertThat(api.get("/2015-03-31/functions").status()).as("server still serves").isEqualTo(200);
    }

    @Test
    void updateCodeBodyOverTheLimitIs413() {
        api.create("big");
        long size = CreateFunctionHandler.MAX_BODY + 1L;
        TestApi.Reply r = api.send("PUT", "/2015-03-31/functions/big/code",
                HttpRequest.BodyPublishers.ofInputStream(() -> filler(size)));

        assertError(r, 413, "RequestTooLargeException", "UpdateFunctionCode");
    }

    @Test
    void configurationBodyOverTheLimitIs413() {
        api.create("cfg");
        String body = "{\"Description\":\"" + "x".repeat(RequestBody.SMALL_JSON_LIMIT) + "\"}";

        assertError(api.put("/2015-03-31/functions/cfg/configuration", body), 413, "RequestTooLargeException",
                "UpdateFunctionConfiguration");
    }

    /** A stream of {@code size} spaces, never held in memory at once. */
    static InputStream filler(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                if (left <= 0) return -1;
                left--;
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                left -= n;
                return n;
            }
        };
    }
}
