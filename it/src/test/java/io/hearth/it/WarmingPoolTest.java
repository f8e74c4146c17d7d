package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.engine.PoolSettings;
import io.hearth.sandbox.isolation.IsolationLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * The warming pool through a whole node and the AWS SDK: generic python and node sandboxes wait
 * with their runtime up; a function's first invoke binds one (late binding) rather than starting
 * a process, and answers exactly as a sandbox started for it would (environment, context, init
 * errors); the pool refills; a disabled pool starts processes.
 */
class WarmingPoolTest {
    private static final String PY = """
            import os
            def handler(event, context):
                return {"greeting": os.environ.get("GREETING"), "name": context.function_name,
                        "memory": context.memory_limit_in_mb, "task": os.environ["LAMBDA_TASK_ROOT"] == os.getcwd()}
            """;
    private static final String JS = """
            exports.handler = async (event, context) => ({greeting: process.env.GREETING,
                name: context.functionName, memory: context.memoryLimitInMB});
            """;

    private static void create(LambdaClient lambda, String name, String runtime, String handler, String file,
                               String source) {
        lambda.createFunction(b -> b.functionName(name).runtime(runtime).handler(handler).role("r").memorySize(256)
                .environment(e -> e.variables(Map.of("GREETING", "hi " + name)))
                .code(c -> c.zipFile(Zips.of(Map.of(file, source)))));
    }

    private static InvokeResponse invoke(LambdaClient lambda, String name) {
        return lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{}")));
    }

    private static String log(InvokeResponse r) {
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    }

    private static void awaitReady(RunningHearth h, String runtime, long atLeast) throws InterruptedException {
        String key = "hearth_warming_pool_ready{runtime=\"" + runtime + "\"}";
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (h.metrics().getOrDefault(key, 0L) < atLeast) {
            if (System.nanoTime() > deadline) throw new AssertionError("pool never had " + atLeast + " ready: " + h.metrics());
            Thread.sleep(50);
        }
    }

    @Test
    void firstInvokesBindPooledSandboxesAndAnswerAsTheirFunction(@TempDir Path data) throws Exception {
        try (var h = new RunningHearth(data, IsolationLevel.NONE, new PoolSettings(2, 4))) {
            awaitReady(h, "python", 2);
            create(h.lambda(), "pooled-py", "python3.12", "app.handler", "app.py", PY);
            var r = invoke(h.lambda(), "pooled-py");
            assertThat(r.functionError()).isNull();
            assertThat(r.payload().asUtf8String()).isEqualTo(
                    "{\"greeting\": \"hi pooled-py\", \"name\": \"pooled-py\", \"memory\": \"256\", \"task\": true}");
            assertThat(log(r)).contains("Init Duration");
            var m = h.metrics();
            assertThat(m.get("hearth_warming_pool_bindings_total{runtime=\"python\"}")).isEqualTo(1);
            assertThat(m.get("hearth_warming_pool_misses_total{runtime=\"python\"}")).isZero();
            // the pool refills behind it (toward a target raised by the demand it saw)
            awaitReady(h, "python", 2);
            assertThat(h.metrics().get("hearth_warming_pool_launched_total{runtime=\"python\"}")).isGreaterThanOrEqualTo(3);
            assertThat(h.metrics().get("hearth_warming_pool_target{runtime=\"python\"}")).isEqualTo(3);
            // the bound sandbox stays the function's: the next invoke is warm
            var warm = invoke(h.lambda(), "pooled-py");
            assertThat(log(warm)).doesNotContain("Init Duration");
            assertThat(h.metrics().get("hearth_warming_pool_bindings_total{runtime=\"python\"}")).isEqualTo(1);

            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")) || hasNode(), "node is not installed");
            awaitReady(h, "node", 1);
            create(h.lambda(), "pooled-js", "nodejs20.x", "index.handler", "index.js", JS);
            var js = invoke(h.lambda(), "pooled-js");
            assertThat(js.payload().asUtf8String())
                    .isEqualTo("{\"greeting\":\"hi pooled-js\",\"name\":\"pooled-js\",\"memory\":\"256\"}");
            assertThat(h.metrics().get("hearth_warming_pool_bindings_total{runtime=\"node\"}")).isEqualTo(1);
        }
    }

    @Test
    void aPooledFunctionThatCannotInitFailsExactlyAsAStartedOneDoes(@TempDir Path data) throws Exception {
        String pooled;
        String started;
        try (var h = new RunningHearth(data.resolve("pooled"), IsolationLevel.NONE, new PoolSettings(1, 1))) {
            awaitReady(h, "python", 1);
            create(h.lambda(), "broken", "python3.12", "app.missing", "app.py", PY);
            var r = invoke(h.lambda(), "broken");
            assertThat(r.functionError()).isEqualTo("Unhandled");
            assertThat(h.metrics().get("hearth_warming_pool_bindings_total{runtime=\"python\"}")).isEqualTo(1);
            pooled = r.payload().asUtf8String();
            // the failed sandbox is gone; the next invoke tries again (another binding) and fails the same way
            var again = invoke(h.lambda(), "broken");
            assertThat(again.payload().asUtf8String()).isEqualTo(pooled);
        }
        try (var h = new RunningHearth(data.resolve("plain"), IsolationLevel.NONE, PoolSettings.disabled())) {
            create(h.lambda(), "broken", "python3.12", "app.missing", "app.py", PY);
            var r = invoke(h.lambda(), "broken");
            started = r.payload().asUtf8String();
            assertThat(h.metrics()).noneSatisfy((k, v) -> assertThat(k).startsWith("hearth_warming_pool"));
        }
        assertThat(pooled).isEqualTo(started).contains("Runtime.HandlerNotFound");
    }

    @Test
    void functionsBindUnderNamespaceIsolationToo(@TempDir Path data) throws Exception {
        if (!IsolatedNodeTest.namespacesUsable()) {
            if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI must be able to run isolated sandboxes");
            Assumptions.abort("bubblewrap/socat missing or not root: isolated pool test skipped");
        }
        try (var h = new RunningHearth(data, IsolationLevel.NAMESPACES, new PoolSettings(1, 2))) {
            awaitReady(h, "python", 1);
            create(h.lambda(), "iso-py", "python3.12", "app.handler", "app.py", PY);
            var r = invoke(h.lambda(), "iso-py");
            assertThat(r.payload().asUtf8String()).isEqualTo(
                    "{\"greeting\": \"hi iso-py\", \"name\": \"iso-py\", \"memory\": \"256\", \"task\": true}");
            assertThat(h.metrics().get("hearth_warming_pool_bindings_total{runtime=\"python\"}")).isEqualTo(1);
        }
    }

    private static boolean hasNode() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "node"))) return true;
        }
        return false;
    }
}
