package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.model.CodeRef;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Invocation;
import io.hearth.model.Outcome;
import io.hearth.model.Runtime;
import io.hearth.runtimeapi.RuntimeApiServer;
import io.hearth.sandbox.LaunchSpec;
import io.hearth.sandbox.RunResult;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxFleet;
import io.hearth.sandbox.SandboxLauncher;
import io.hearth.sandbox.SandboxState;
import io.hearth.sandbox.runtimes.RuntimeLaunchers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Late binding through the real launcher and bootstraps: a generic sandbox starts with no
 * function, is bound to one (its code placed, its environment applied, its handler loaded) and
 * then answers as if it had been started for it; a binding the runtime cannot load ends as the
 * init error it is. Unisolated and under namespaces (where the code is linked into the slot the
 * sandbox sees at /var/task).
 */
class LateBindingTest {
    private Path data;
    private RuntimeApiServer api;
    private Isolation isolation;
    private SandboxFleet fleet;

    @AfterEach
    void stop() throws Exception {
        if (fleet != null) fleet.stopAll("test over");
        if (api != null) api.close();
        if (isolation != null) isolation.close();
        if (data != null) {
            try (var tree = Files.walk(data)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isDirectory(p)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                    Files.delete(p);
                }
            }
        }
    }

    private SandboxLauncher launcher(boolean isolated) throws Exception {
        if (isolated) IsolationFixture.assumeNamespaces();
        data = Files.createTempDirectory(Path.of("/opt"), "hearth-binding-test-");
        api = isolated ? RuntimeApiServer.start("127.0.0.1", 0, new MapKv(), data.resolve("runtime-api.sock"))
                : RuntimeApiServer.start("127.0.0.1", 0);
        isolation = isolated ? Isolation.namespaces(NamespaceSettings.defaults(data, api.unixSocket().orElseThrow()))
                : Isolation.none();
        fleet = new SandboxFleet(data.resolve("sandboxes"));
        return new SandboxLauncher(api, fleet, isolation);
    }

    private Path code(String file, String source) throws Exception {
        Path dir = Files.createDirectories(data.resolve("code-cache/" + UUID.randomUUID()));
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/helper.txt"), "from a subdirectory");
        Files.writeString(dir.resolve(file), source);
        for (Path p : new Path[] {dir.resolve(file), dir.resolve("lib/helper.txt")}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        }
        Files.setPosixFilePermissions(dir.resolve("lib"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        return dir;
    }

    private static FunctionVersion version(String name, Runtime runtime, String handler) {
        var config = new FunctionConfig(runtime, handler, 10, 256, Map.of("GREETING", "hello"), "");
        return new FunctionVersion(name, "$LATEST", config, new CodeRef("0".repeat(64), 1), "rev", Instant.EPOCH);
    }

    private RunResult bindAndRun(SandboxLauncher launcher, RuntimeLaunchers runtimes, Sandbox generic,
                                 FunctionVersion v, Path code) throws Exception {
        generic.warmUp().get(10, TimeUnit.SECONDS);
        assertThat(generic.state()).isEqualTo(SandboxState.GENERIC);
        var inv = new Invocation(UUID.randomUUID().toString(), v, "arn:aws:lambda:us-east-1:000000000000:function:"
                + v.name(), "{\"n\":1}".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() + 10_000,
                "Root=1-abc", null, null);
        var spec = new LaunchSpec(runtimes.commandFor(v.config().runtime(), code, 128), code, data.resolve("runtimes"),
                "us-east-1");
        var binding = launcher.binding(generic, v, spec, "bind-" + inv.requestId(), inv.deadlineEpochMs());
        return generic.bindAndStart(v, binding, inv, 10_000_000_000L).get(20, TimeUnit.SECONDS);
    }

    private static String text(RunResult r) {
        return IsolatedLaunchTest.text(r);
    }

    @Test
    void aGenericPythonSandboxIsBoundAndAnswersAsItsFunction() throws Exception {
        bindsPython(false);
    }

    @Test
    void aGenericPythonSandboxIsBoundUnderNamespaces() throws Exception {
        bindsPython(true);
    }

    private void bindsPython(boolean isolated) throws Exception {
        var launcher = launcher(isolated);
        var runtimes = RuntimeLaunchers.install(data.resolve("runtimes"));
        assumeTrue(runtimes.python().isPresent(), "python3 is not installed");
        var generic = launcher.launchGeneric(runtimes.genericCommand(Runtime.Family.PYTHON, 128).orElseThrow(),
                data.resolve("runtimes"), "us-east-1", 128);
        assertThat(generic.generic()).isTrue();
        Path code = code("app.py", """
                import os
                with open('lib/helper.txt') as f:
                    HELPER = f.read()
                def handler(event, context):
                    return [event['n'], os.environ['GREETING'], os.environ['AWS_LAMBDA_FUNCTION_NAME'],
                            context.function_name, context.memory_limit_in_mb, os.getcwd(), HELPER,
                            'HEARTH_LATE_BINDING' in os.environ]
                """);
        var r = bindAndRun(launcher, runtimes, generic, version("bound-py", Runtime.PYTHON_3_12, "app.handler"), code);
        String taskRoot = isolated ? "/var/task" : code.toString();
        assertThat(text(r)).isEqualTo("[1, \"hello\", \"bound-py\", \"bound-py\", \"256\", \"" + taskRoot
                + "\", \"from a subdirectory\", false]");
        assertThat(r.initNanos()).as("the binding is this invocation's init").isPositive();
        assertThat(generic.generic()).isFalse();
        assertThat(generic.state()).isEqualTo(SandboxState.READY);
        assertThat(generic.version().name()).isEqualTo("bound-py");
        // the next invocation is warm
        var again = IsolatedLaunchTest.invoke(generic, "{\"n\":2}");
        assertThat(text(again)).startsWith("[2, ");
        assertThat(again.initNanos()).isEqualTo(-1);
    }

    @Test
    void aGenericNodeSandboxIsBoundAndAnswersAsItsFunction() throws Exception {
        var launcher = launcher(false);
        var runtimes = RuntimeLaunchers.install(data.resolve("runtimes"));
        assumeTrue(runtimes.node().isPresent(), "node is not installed");
        var generic = launcher.launchGeneric(runtimes.genericCommand(Runtime.Family.NODE, 128).orElseThrow(),
                data.resolve("runtimes"), "us-east-1", 128);
        Path code = code("index.js", """
                const fs = require('fs');
                const helper = fs.readFileSync('lib/helper.txt', 'utf8');
                exports.handler = async (event, context) => [event.n, process.env.GREETING, context.functionName,
                    context.memoryLimitInMB, process.cwd(), helper];
                """);
        var r = bindAndRun(launcher, runtimes, generic, version("bound-js", Runtime.NODEJS_20, "index.handler"), code);
        assertThat(text(r)).isEqualTo("[1,\"hello\",\"bound-js\",\"256\",\"" + code + "\",\"from a subdirectory\"]");
    }

    @Test
    void aBindingWhoseHandlerCannotLoadEndsAsTheInitErrorAndStopsTheSandbox() throws Exception {
        var launcher = launcher(false);
        var runtimes = RuntimeLaunchers.install(data.resolve("runtimes"));
        assumeTrue(runtimes.python().isPresent(), "python3 is not installed");
        var generic = launcher.launchGeneric(runtimes.genericCommand(Runtime.Family.PYTHON, 128).orElseThrow(),
                data.resolve("runtimes"), "us-east-1", 128);
        Path code = code("app.py", "def other(event, context):\n    return 1\n");
        var r = bindAndRun(launcher, runtimes, generic, version("broken", Runtime.PYTHON_3_12, "app.handler"), code);
        assertThat(r.outcome()).isInstanceOfSatisfying(Outcome.FunctionError.class, e -> {
            assertThat(e.errorType()).isEqualTo("Runtime.HandlerNotFound");
            assertThat(e.sandboxLost()).isTrue();
        });
        assertThat(r.initNanos()).isPositive();
        assertThat(generic.state()).isIn(SandboxState.STOPPED, SandboxState.DRAINING, SandboxState.FAILED);
    }

    @Test
    void theSlotOfAStoppedGenericSandboxIsRemoved() throws Exception {
        var launcher = launcher(false);
        var runtimes = RuntimeLaunchers.install(data.resolve("runtimes"));
        assumeTrue(runtimes.python().isPresent(), "python3 is not installed");
        var generic = launcher.launchGeneric(runtimes.genericCommand(Runtime.Family.PYTHON, 128).orElseThrow(),
                data.resolve("runtimes"), "us-east-1", 128);
        Path slot = data.resolve("sandboxes").resolve(generic.id() + ".task");
        assertThat(slot).isDirectory();
        generic.stop("test");
        assertThat(slot).doesNotExist();
    }
}
