package io.hearth.runtime.java;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Late binding: a generic runtime started without any function polls /next, receives a binding
 * document, loads the function from it, answers {@code {}}, then serves that function.
 */
class LateBindingTest {
    private static Path task;

    @BeforeAll
    static void buildPackage() throws Exception {
        task = Packages.bundled();
    }

    private static Map<String, String> genericEnvironment(FakeRuntimeApi api) {
        return Map.of("AWS_LAMBDA_RUNTIME_API", api.address(), "HEARTH_LATE_BINDING", "1");
    }

    private static String bind(FakeRuntimeApi api, String handler) {
        String doc = """
                {"environment":{"FOO":"bar","AWS_LAMBDA_FUNCTION_NAME":"bound-fn","AWS_LAMBDA_FUNCTION_MEMORY_SIZE":"512",
                 "LAMBDA_TASK_ROOT":"/nowhere","_HANDLER":"ignored.Handler"},
                 "taskRoot":"%s","handler":"%s"}""".formatted(task, handler);
        return api.offer(doc.getBytes(StandardCharsets.UTF_8), Map.of("Lambda-Runtime-Hearth-Binding", "1"));
    }

    @Test
    void aGenericRuntimePollsFirstThenBindsAndServesTheFunctionWithItsEnvironment() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("late"), genericEnvironment(api))) {
            api.awaitPoll(Duration.ofSeconds(20));              // waiting, no function known yet
            String bindingId = bind(api, "example.EnvProbe::read");
            var answer = api.awaitPost();
            assertThat(answer.kind()).as(rt.stdout() + rt.stderr()).isEqualTo("response");
            assertThat(answer.requestId()).isEqualTo(bindingId);
            assertThat(answer.text()).isEqualTo("{}");

            api.offer("{}");
            Map<String, Object> m = api.awaitPost().object();
            assertThat(m).containsEntry("foo", "bar").containsEntry("fooAtInit", "bar").containsEntry("fooInMap", "bar")
                    .containsEntry("function", "bound-fn").containsEntry("memory", 512)
                    .containsEntry("taskRoot", task.toString());
            assertThat(rt.stderr()).doesNotContain("System.getenv()");
        }
    }

    @Test
    void withoutTheAddOpensFlagTheRuntimeStillUsesTheBindingButTheFunctionsGetenvDoesNotSeeIt() throws Exception {
        // also without the warm-up: binding works the same, only slower
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("late"), genericEnvironment(api),
                     List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dhearth.runtime.warmup=false"))) {
            bind(api, "example.EnvProbe::read");
            assertThat(api.awaitPost().text()).isEqualTo("{}");
            api.offer("{}");
            Map<String, Object> m = api.awaitPost().object();
            assertThat(m).containsEntry("foo", null).containsEntry("function", "bound-fn").containsEntry("memory", 512);
            assertThat(rt.stderr()).contains("System.getenv() in the function will not show its variables",
                    "--add-opens java.base/java.util=ALL-UNNAMED");
        }
    }

    @Test
    void aBindingThatCannotBeLoadedIsAnInitErrorAndTheRuntimeExits() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("late"), genericEnvironment(api))) {
            bind(api, "example.Missing::handle");
            var p = api.awaitPost();
            assertThat(p.kind()).isEqualTo("init-error");
            assertThat(p.object()).containsEntry("errorType", "java.lang.ClassNotFoundException");
            assertThat(rt.awaitExit(Duration.ofSeconds(20))).isEqualTo(1);
        }
    }

    @Test
    void aFirstEventThatIsNoBindingIsAnInitError() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("late"), genericEnvironment(api))) {
            api.offer("{\"plain\":\"event\"}");
            var p = api.awaitPost();
            assertThat(p.kind()).isEqualTo("init-error");
            assertThat(p.object()).containsEntry("errorType", "Runtime.BindingMissing");
            assertThat(rt.awaitExit(Duration.ofSeconds(20))).isEqualTo(1);
        }
    }
}
