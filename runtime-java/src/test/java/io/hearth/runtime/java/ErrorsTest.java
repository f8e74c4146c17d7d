package io.hearth.runtime.java;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Handler exceptions and init failures as Lambda's Java runtime reports them, in a real process. */
class ErrorsTest {
    private static Path task;

    @BeforeAll
    static void buildPackage() throws Exception {
        task = Packages.bundled();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHandlerExceptionIsPostedWithTypeTraceAndCausesThenTheRuntimeGoesOn() throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("errors"), api.environment(task, "example.Failing"))) {
            String id = api.offer("{}");
            var p = api.awaitPost();
            assertThat(p.kind()).isEqualTo("error");
            assertThat(p.requestId()).isEqualTo(id);
            assertThat(p.header("Lambda-Runtime-Function-Error-Type")).isEqualTo("java.lang.IllegalStateException");
            Map<String, Object> body = p.object();
            assertThat(body).containsEntry("errorMessage", "boom").containsEntry("errorType", "java.lang.IllegalStateException");
            List<String> trace = (List<String>) body.get("stackTrace");
            assertThat(trace.get(0)).startsWith("example.Failing.handleRequest(Failing.java:");
            assertThat(trace).noneMatch(f -> f.contains("io.hearth"));
            var cause = (Map<String, Object>) body.get("cause");
            assertThat(cause).containsEntry("errorType", "java.io.UncheckedIOException")
                    .containsEntry("errorMessage", "java.io.IOException: disk full");
            assertThat((Map<String, Object>) cause.get("cause")).containsEntry("errorType", "java.io.IOException")
                    .containsEntry("errorMessage", "disk full");
            api.offer("{\"ok\":1}");
            assertThat(api.awaitPost().text()).isEqualTo("\"fine\"");
            assertThat(rt.stdout()).contains("boom: java.lang.IllegalStateException\njava.lang.IllegalStateException: boom",
                    "\tat example.Failing.handleRequest(Failing.java:", "Caused by: java.io.UncheckedIOException");
        }
    }

    private record InitFailure(FakeRuntimeApi.Post post, int exit, int polls, String stdout) {}

    private static InitFailure initFailure(String handler) throws Exception {
        try (var api = FakeRuntimeApi.start();
             var rt = RuntimeProcess.start(Packages.scratch("init"), api.environment(task, handler))) {
            var p = api.awaitPost();
            int exit = rt.awaitExit(Duration.ofSeconds(20));
            return new InitFailure(p, exit, api.polls(), rt.stdout());
        }
    }

    @Test
    void aMissingClassIsAnInitErrorAndTheRuntimeExits() throws Exception {
        var f = initFailure("example.Missing::handle");
        assertThat(f.post().kind()).isEqualTo("init-error");
        assertThat(f.post().header("Lambda-Runtime-Function-Error-Type")).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(f.post().object()).containsEntry("errorMessage", "Class not found: example.Missing")
                .containsEntry("errorType", "java.lang.ClassNotFoundException");
        assertThat(f.exit()).isEqualTo(1);
        assertThat(f.polls()).isZero();
        assertThat(f.stdout()).contains("Class not found: example.Missing: java.lang.ClassNotFoundException");
    }

    @Test
    void aMissingMethodOrNonHandlerClassOrBadHandlerStringIsHandlerNotFound() throws Exception {
        var method = initFailure("example.Greeter::nope");
        assertThat(method.post().object()).containsEntry("errorType", "Runtime.HandlerNotFound").containsEntry("errorMessage",
                "No public method named nope with appropriate method signature found on class example.Greeter");
        assertThat(method.exit()).isEqualTo(1);

        var notHandler = initFailure("example.Plain");
        assertThat(notHandler.post().object()).containsEntry("errorMessage",
                "Class does not implement an appropriate handler interface: example.Plain");

        var bad = initFailure("example.Greeter::");
        assertThat(bad.post().object()).containsEntry("errorMessage", "Invalid handler: `example.Greeter::'");
        assertThat(bad.post().header("Lambda-Runtime-Function-Error-Type")).isEqualTo("Runtime.HandlerNotFound");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aThrowingConstructorOrStaticInitializerIsAnInitErrorNamedAfterWhatWasThrown() throws Exception {
        var ctor = initFailure("example.BadConstructor::handle");
        assertThat(ctor.post().kind()).isEqualTo("init-error");
        assertThat(ctor.post().object()).containsEntry("errorType", "java.lang.IllegalArgumentException")
                .containsEntry("errorMessage", "no config");
        assertThat((List<String>) ctor.post().object().get("stackTrace")).first().asString()
                .startsWith("example.BadConstructor.<init>(BadConstructor.java:");
        assertThat(ctor.exit()).isEqualTo(1);

        var init = initFailure("example.BadStaticInit::handle");
        Map<String, Object> body = init.post().object();
        assertThat(body).containsEntry("errorType", "java.lang.ExceptionInInitializerError")
                .containsEntry("errorMessage", "Error loading class example.BadStaticInit");
        assertThat((Map<String, Object>) body.get("cause")).containsEntry("errorType", "java.lang.NumberFormatException");
    }

    @Test
    void withoutARuntimeApiAddressTheRuntimeExitsAtOnce() throws Exception {
        try (var rt = RuntimeProcess.start(Packages.scratch("init"), Map.of("_HANDLER", "example.Greeter"))) {
            assertThat(rt.awaitExit(Duration.ofSeconds(20))).isEqualTo(1);
            assertThat(rt.stderr()).contains("AWS_LAMBDA_RUNTIME_API is not set");
        }
    }

    @Test
    void theTrainingRunServesItsOwnLoopbackApiAndExitsCleanly() throws Exception {
        var command = new java.util.ArrayList<>(List.of(RuntimeProcess.javaExecutable(), "-cp",
                RuntimeProcess.runtimeClasses().toString(), Main.class.getName(), "--train"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).isEmpty();
    }
}
