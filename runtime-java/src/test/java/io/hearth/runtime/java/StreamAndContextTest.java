package io.hearth.runtime.java;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Stream handlers, the Context a handler sees, and its logger, in a real runtime process. */
class StreamAndContextTest {
    private static Path task;

    @BeforeAll
    static void buildPackage() throws Exception {
        task = Packages.bundled();
    }

    @Test
    void requestStreamHandlerGetsTheRawEventAndItsBytesAreTheResponse() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("stream"), api.environment(task, "example.Echo"))) {
            api.offer("{\"a\": [1, 2]}");
            assertThat(api.awaitPost().text()).isEqualTo("{\"echo\":{\"a\": [1, 2]},\"fn\":\"probe-fn\"}");
        }
    }

    @Test
    void staticStreamMethodWithoutContext() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("stream"), api.environment(task, "example.Streams::shout"))) {
            api.offer("\"quiet, café\"");
            assertThat(api.awaitPost().text()).isEqualTo("\"QUIET, CAFÉ\"");
            api.offer("not json at all");                    // a stream handler takes any bytes
            assertThat(api.awaitPost().text()).isEqualTo("NOT JSON AT ALL");
        }
    }

    @Test
    void contextAnswersFromTheInvocationAndTheFunctionEnvironment() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("context"), api.environment(task, "example.ContextProbe"))) {
            String id = api.offer("[\"x\",1]".getBytes(StandardCharsets.UTF_8), Map.of(
                    "Lambda-Runtime-Cognito-Identity", "{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}",
                    "Lambda-Runtime-Client-Context", "{\"client\":{\"installation_id\":\"inst-1\",\"app_title\":\"t\"},"
                            + "\"custom\":{\"k\":\"v\"},\"env\":{\"platform\":\"Android\"}}"));
            var p = api.awaitPost();
            assertThat(p.kind()).as(rt.stderr()).isEqualTo("response");
            Map<String, Object> m = p.object();
            assertThat(m).containsEntry("input", java.util.List.of("x", 1))
                    .containsEntry("requestId", id)
                    .containsEntry("functionName", "probe-fn")
                    .containsEntry("functionVersion", "7")
                    .containsEntry("memory", 256)
                    .containsEntry("logGroup", "/aws/lambda/probe-fn")
                    .containsEntry("logStream", "2026/01/01/[7]abc")
                    .containsEntry("arn", "arn:aws:lambda:local:000000000000:function:probe-fn")
                    .containsEntry("identityId", "id-1")
                    .containsEntry("identityPool", "pool-1")
                    .containsEntry("installation", "inst-1")
                    .containsEntry("custom", Map.of("k", "v"))
                    .containsEntry("contextLoader", true);
            assertThat((String) m.get("traceId")).startsWith("Root=1-5759e988").isEqualTo(m.get("traceProperty"));
            assertThat((Integer) m.get("remaining")).isBetween(20_000, 30_000);
            assertThat(rt.stdout()).contains("probe-log-line\n", "probe-bytes-line\n", "probe-stdout-line\n");
        }
    }

    @Test
    void remainingTimeIsZeroOncePastTheDeadlineAndAbsentHeadersGiveNulls() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("context"), api.environment(task, "example.ContextProbe"))) {
            api.offer("{}".getBytes(StandardCharsets.UTF_8),
                    Map.of("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() - 5_000)));
            Map<String, Object> m = api.awaitPost().object();
            assertThat(m).containsEntry("remaining", 0).containsEntry("input", Map.of())
                    .containsEntry("identityId", null).containsEntry("installation", null);  // a map keeps its nulls
        }
    }
}
