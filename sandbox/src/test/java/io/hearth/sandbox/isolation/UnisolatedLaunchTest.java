package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.model.Runtime;
import io.hearth.runtimeapi.RuntimeApiServer;
import io.hearth.sandbox.LaunchSpec;
import io.hearth.sandbox.SandboxFleet;
import io.hearth.sandbox.SandboxLauncher;
import io.hearth.sandbox.runtimes.RuntimeLaunchers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A launcher made without an isolation runs the runtime exactly as before: a child of the server, on host paths. */
class UnisolatedLaunchTest {
    @TempDir
    Path data;

    @Test
    void theRuntimeRunsInItsCodeDirectoryWithTheServersUidAndTcpRuntimeApi() throws Exception {
        var runtimes = RuntimeLaunchers.install(data.resolve("runtimes"));
        assumeTrue(runtimes.python().isPresent(), "python3 is not installed");
        Path code = Files.createDirectories(data.resolve("code"));
        Files.writeString(code.resolve("app.py"), """
                import os
                def handler(event, context):
                    return [os.getcwd(), os.environ['LAMBDA_TASK_ROOT'], os.environ['LAMBDA_RUNTIME_DIR'], os.getuid(),
                            'HEARTH_RUNTIME_SOCKET' in os.environ, os.environ['AWS_LAMBDA_RUNTIME_API'].split('/')[0]]
                """);
        try (var api = RuntimeApiServer.start("127.0.0.1", 0)) {
            var fleet = new SandboxFleet(data.resolve("sandboxes"));
            var launcher = new SandboxLauncher(api, fleet);
            var sandbox = launcher.launch(IsolatedLaunchTest.version(Runtime.PYTHON_3_12, "app.handler", 128),
                    new LaunchSpec(runtimes.commandFor(Runtime.PYTHON_3_12, code, 128), code, data.resolve("runtimes"),
                            "us-east-1"));
            try {
                String port = "127.0.0.1:" + api.address().getPort();
                assertThat(IsolatedLaunchTest.text(IsolatedLaunchTest.invoke(sandbox, "{}"))).isEqualTo("[\"" + code
                        + "\", \"" + code + "\", \"" + data.resolve("runtimes") + "\", "
                        + ProcessHandle.current().info().user().map(u -> u.equals("root") ? "0" : u).orElse("?")
                        + ", false, \"" + port + "\"]");
                assertThat(ProcessHandle.of(sandbox.pid()).flatMap(h -> h.parent()).map(ProcessHandle::pid))
                        .hasValue(ProcessHandle.current().pid());
            } finally {
                sandbox.stop("test over");
            }
        }
    }
}
