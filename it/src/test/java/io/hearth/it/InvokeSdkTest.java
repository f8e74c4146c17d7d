package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Synchronous, Event and DryRun invokes of real python, node and provided sandboxes via the SDK. */
class InvokeSdkTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    static RunningHearth hearth;

    @BeforeAll
    static void start() {
        hearth = new RunningHearth(data);
        Functions.python(hearth.lambda(), "py", 3, Map.of("GREETING", "hello"));
        Functions.python(hearth.lambda(), "py-slow", 1, Map.of());
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    static InvokeResponse invoke(String fn, String payload) {
        return hearth.lambda().invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String(payload)));
    }

    static JsonNode json(InvokeResponse r) throws Exception {
        return JSON.readTree(r.payload().asUtf8String());
    }

    @Test
    void pythonResultAndContext() throws Exception {
        var clientContext = Base64.getEncoder().encodeToString("{\"custom\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8));
        var r = hearth.lambda().invoke(b -> b.functionName("py").clientContext(clientContext)
                .payload(SdkBytes.fromUtf8String("{\"x\":[1,2,3]}")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isNull();
        assertThat(r.executedVersion()).isEqualTo("$LATEST");
        var body = json(r);
        assertThat(body.get("event").get("x").toString()).isEqualTo("[1,2,3]");
        assertThat(body.get("functionName").asText()).isEqualTo("py");
        assertThat(body.get("memory").asInt()).isEqualTo(128);
        assertThat(body.get("greeting").asText()).isEqualTo("hello");
        assertThat(body.get("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:py");
        assertThat(body.get("remaining").asLong()).isBetween(1L, 3000L);
        assertThat(body.get("custom").get("k").asText()).isEqualTo("v");
        assertThat(r.responseMetadata().requestId()).isEqualTo(body.get("requestId").asText());
    }

    @Test
    void warmSandboxIsReused() throws Exception {
        long pid = json(invoke("py", "{}")).get("pid").asLong();
        var second = json(invoke("py", "{}"));
        assertThat(second.get("pid").asLong()).isEqualTo(pid);
        assertThat(second.get("count").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void emptyPayloadIsAnEmptyObject() throws Exception {
        var r = hearth.lambda().invoke(b -> b.functionName("py"));
        assertThat(json(r).get("event").toString()).isEqualTo("{}");
    }

    @Test
    void functionErrorIsStatus200WithUnhandled() throws Exception {
        var r = invoke("py", "{\"action\":\"fail\",\"why\":\"nope\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        var body = json(r);
        assertThat(body.get("errorType").asText()).isEqualTo("ValueError");
        assertThat(body.get("errorMessage").asText()).isEqualTo("bad input: nope");
        assertThat(body.get("stackTrace").isArray()).isTrue();
        // the sandbox survives a handled failure
        assertThat(invoke("py", "{}").functionError()).isNull();
    }

    @Test
    void timeoutKillsTheSandboxAndTheNextInvokeGetsAFreshOne() throws Exception {
        long pid = json(invoke("py-slow", "{}")).get("pid").asLong();
        var r = invoke("py-slow", "{\"action\":\"sleep\",\"seconds\":5}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        var body = json(r);
        assertThat(body.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(body.get("errorMessage").asText()).matches(".*Task timed out after 1\\.\\d\\d seconds");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        var next = json(invoke("py-slow", "{}"));
        assertThat(next.get("pid").asLong()).isNotEqualTo(pid);
    }

    @Test
    void crashIsRuntimeExitError() throws Exception {
        Functions.python(hearth.lambda(), "py-crash", 3, Map.of());
        var r = hearth.lambda().invoke(b -> b.functionName("py-crash").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"action\":\"crash\"}")));
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(json(r).get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(json(r).get("errorMessage").asText()).contains("exit status 3");
        String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("about to crash");
        assertThat(invoke("py-crash", "{}").functionError()).isNull();
    }

    @Test
    void initErrorIsReported() throws Exception {
        hearth.lambda().createFunction(b -> b.functionName("py-badhandler").runtime("python3.12")
                .handler("missing_module.handler").role("r")
                .code(c -> c.zipFile(Zips.of(Map.of("app.py", "def handler(e, c): return 1\n")))));
        var r = invoke("py-badhandler", "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(json(r).get("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
    }

    @Test
    void tailReturnsThisInvocationsLog() {
        Functions.python(hearth.lambda(), "py-logs", 3, Map.of());
        var cold = hearth.lambda().invoke(b -> b.functionName("py-logs").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"action\":\"print\"}")));
        String log = new String(Base64.getDecoder().decode(cold.logResult()), StandardCharsets.UTF_8);
        String id = cold.responseMetadata().requestId();
        assertThat(log).contains("START RequestId: " + id + " Version: $LATEST", "hello from python", "to stderr",
                "END RequestId: " + id, "REPORT RequestId: " + id, "Duration: ", "Billed Duration: ",
                "Memory Size: 128 MB", "Max Memory Used: ", "Init Duration: ");
        var warm = hearth.lambda().invoke(b -> b.functionName("py-logs").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{}")));
        String warmLog = new String(Base64.getDecoder().decode(warm.logResult()), StandardCharsets.UTF_8);
        assertThat(warmLog).doesNotContain("Init Duration", "hello from python");
        assertThat(invoke("py-logs", "{}").logResult()).isNull();
    }

    @Test
    void nodeAsyncAndCallbackHandlers() throws Exception {
        Functions.node(hearth.lambda(), "node-async", Functions.NODE);
        var r = json(invoke("node-async", "{\"a\":1}"));
        assertThat(r.get("node").asBoolean()).isTrue();
        assertThat(r.get("event").get("a").asInt()).isEqualTo(1);
        var failed = invoke("node-async", "{\"action\":\"fail\"}");
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(json(failed).get("errorType").asText()).isEqualTo("TypeError");
        assertThat(json(failed).get("errorMessage").asText()).isEqualTo("node says no");
        Functions.node(hearth.lambda(), "node-cb", Functions.NODE_CALLBACK);
        assertThat(json(invoke("node-cb", "{\"n\":7}")).get("n").asInt()).isEqualTo(7);
    }

    @Test
    void providedRuntimeWithBashBootstrap() throws Exception {
        Functions.bash(hearth.lambda(), "bash-fn");
        var r = hearth.lambda().invoke(b -> b.functionName("bash-fn").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"q\":42}")));
        var body = json(r);
        assertThat(body.get("bash").asBoolean()).isTrue();
        assertThat(body.get("got").get("q").asInt()).isEqualTo(42);
        assertThat(new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8))
                .contains("bash got {\"q\":42}");
        assertThat(json(invoke("bash-fn", "{\"q\":43}")).get("got").get("q").asInt()).isEqualTo(43);
    }

    @Test
    void dryRunValidatesWithoutRunning() {
        var r = hearth.lambda().invoke(b -> b.functionName("py").invocationType(InvocationType.DRY_RUN));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> hearth.lambda().invoke(b -> b.functionName("nope").invocationType(InvocationType.DRY_RUN)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void twentyConcurrentInvokesAllSucceed() throws Exception {
        Functions.python(hearth.lambda(), "py-parallel", 10, Map.of());
        try (var pool = Executors.newFixedThreadPool(20)) {
            var futures = new ArrayList<Future<InvokeResponse>>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> invoke("py-parallel", "{\"action\":\"sleep\",\"seconds\":0.3}")));
            }
            for (var f : futures) {
                var r = f.get();
                assertThat(r.functionError()).isNull();
                assertThat(r.payload().asUtf8String()).isEqualTo("\"slept\"");
            }
        }
        var pids = new HashSet<Long>();
        for (int i = 0; i < 5; i++) pids.add(json(invoke("py-parallel", "{}")).get("pid").asLong());
        assertThat(pids).hasSize(1);  // sequential calls reuse the warmest sandbox
    }

    @Test
    void badInvokeInputs() {
        assertThatThrownBy(() -> invoke("py", "{not json")).isInstanceOf(InvalidRequestContentException.class);
        assertThatThrownBy(() -> invoke("missing-fn", "{}")).isInstanceOf(ResourceNotFoundException.class);
        String big = "\"" + "x".repeat(6 * 1024 * 1024) + "\"";
        assertThatThrownBy(() -> invoke("py", big)).isInstanceOf(RequestTooLargeException.class);
        String oneMb = "\"" + "x".repeat(1024 * 1024) + "\"";
        assertThatThrownBy(() -> hearth.lambda().invoke(b -> b.functionName("py").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(oneMb)))).isInstanceOf(RequestTooLargeException.class);
        assertThatThrownBy(() -> hearth.lambda().invoke(b -> b.functionName("py:7")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
