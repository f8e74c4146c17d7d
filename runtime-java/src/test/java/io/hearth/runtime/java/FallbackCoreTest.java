package io.hearth.runtime.java;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A package that does not bundle aws-lambda-java-core still runs: the runtime's class loader ends
 * with the core jar shipped beside the runtime.
 */
class FallbackCoreTest {
    private static Path task;

    @BeforeAll
    static void buildPackage() throws Exception {
        task = Packages.bare();
    }

    @Test
    void theShippedCoreJarSitsBesideTheRuntime() {
        assertThat(FunctionCode.fallbackCore()).isNotNull();
        assertThat(FunctionCode.fallbackCore().getParent()).isEqualTo(RuntimeProcess.runtimeClasses().getParent());
        assertThat(Files.exists(task.resolve("lib"))).isFalse();
    }

    @Test
    void requestHandlerAndContextWorkWithoutTheFunctionBundlingTheLibrary() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("fallback"), api.environment(task, "example.ContextProbe"))) {
            String id = api.offer("{\"k\":true}");
            var p = api.awaitPost();
            assertThat(p.kind()).as(rt.stdout()).isEqualTo("response");
            assertThat(p.object()).containsEntry("requestId", id).containsEntry("input", Map.of("k", true));
            assertThat(rt.stdout()).contains("probe-log-line");
        }
    }

    @Test
    void aPlainMethodNeedsNoLibraryAtAll() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("fallback"), api.environment(task, "example.Plain::hello"))) {
            api.offer("\"Grace\"");
            assertThat(api.awaitPost().text()).isEqualTo("\"plain Grace\"");
        }
    }
}
