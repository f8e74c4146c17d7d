package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;
import io.hearth.runtimeapi.RuntimeApiServer;
import io.hearth.sandbox.LaunchSpec;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxFleet;
import io.hearth.sandbox.SandboxLauncher;
import io.hearth.sandbox.runtimes.RuntimeLaunchers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbound network through the real {@link SandboxLauncher}: a Python function with
 * {@link NetworkAccess#OUTBOUND} talks to a service on the host's address, one without cannot;
 * stopping the sandbox ends its slirp4netns; a node without slirp4netns refuses the outbound
 * function with a ServiceException and leaves nothing behind.
 */
class OutboundLaunchTest {
    private static final String CALLER = """
            import socket
            def handler(event, context):
                with socket.create_connection((event['host'], event['port']), timeout=3) as s:
                    s.sendall(b'hello from the function\\n')
                    reply = s.makefile().readline().strip()
                return {'reply': reply, 'dns': open('/etc/resolv.conf').read().split()}
            """;
    private static Path data;
    private static RuntimeApiServer api;
    private static Isolation isolation;
    private static RuntimeLaunchers runtimes;
    private static SandboxFleet fleet;
    private static SandboxLauncher launcher;
    private static InetAddress hostAddress;

    @BeforeAll
    static void start() throws Exception {
        IsolationFixture.assumeNamespaces();
        OutboundHost.assumeSlirp();
        hostAddress = OutboundHost.address();
        data = Files.createTempDirectory(Path.of("/opt"), "hearth-outbound-test-");
        api = RuntimeApiServer.start("127.0.0.1", 0, new MapKv(), data.resolve("runtime-api.sock"));
        isolation = Isolation.namespaces(NamespaceSettings.defaults(data, api.unixSocket().orElseThrow()));
        runtimes = RuntimeLaunchers.install(data.resolve("runtimes"));
        fleet = new SandboxFleet(data.resolve("sandboxes"));
        launcher = new SandboxLauncher(api, fleet, isolation);
    }

    @AfterAll
    static void stop() throws Exception {
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

    private static LaunchSpec spec(NetworkAccess network) throws Exception {
        assumeTrue(runtimes.python().isPresent(), "python3 is not installed");
        Path dir = Files.createDirectories(data.resolve("code-cache/" + UUID.randomUUID()));
        Files.writeString(dir.resolve("app.py"), CALLER);
        Files.setPosixFilePermissions(dir.resolve("app.py"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        return new LaunchSpec(runtimes.commandFor(Runtime.PYTHON_3_12, dir, 128), dir, data.resolve("runtimes"), "us-east-1",
                network);
    }

    private static List<ProcessHandle> slirps() {
        return ProcessHandle.current().children()
                .filter(h -> h.info().command().orElse("").endsWith("slirp4netns")).toList();
    }

    /** A one-connection service on the host's address: answers the line it hears. */
    private static CompletableFuture<String> answerOnce(ServerSocket server) throws Exception {
        server.setSoTimeout(15_000);
        return CompletableFuture.supplyAsync(() -> {
            try (Socket c = server.accept()) {
                String line = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                c.getOutputStream().write(("heard: " + line + "\n").getBytes(StandardCharsets.UTF_8));
                return line;
            } catch (java.io.IOException e) {
                return "no connection: " + e;
            }
        });
    }

    private static String event(ServerSocket server) {
        return "{\"host\": \"" + hostAddress.getHostAddress() + "\", \"port\": " + server.getLocalPort() + "}";
    }

    @Test
    void anOutboundFunctionTalksToTheHostsNetworkAndItsSlirpEndsWithTheSandbox() throws Exception {
        var before = slirps();
        Sandbox sandbox = launcher.launch(IsolatedLaunchTest.version(Runtime.PYTHON_3_12, "app.handler", 128),
                spec(NetworkAccess.OUTBOUND));
        try (var server = new ServerSocket(0, 50, hostAddress)) {
            var heard = answerOnce(server);
            String result = IsolatedLaunchTest.text(IsolatedLaunchTest.invoke(sandbox, event(server)));
            assertThat(result).contains("\"reply\": \"heard: hello from the function\"")
                    .contains("\"dns\": [\"#\"").contains("\"nameserver\", \"10.0.2.3\"");
            assertThat(heard.get(5, TimeUnit.SECONDS)).isEqualTo("hello from the function");
            assertThat(slirps()).hasSize(before.size() + 1);
        } finally {
            sandbox.stop("test over");
        }
        var ours = slirps().stream().filter(h -> !before.contains(h)).toList();
        for (var h : ours) h.onExit().get(5, TimeUnit.SECONDS);
        assertThat(slirps()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aFunctionWithoutNetworkCannotConnectAndGetsNoSlirp() throws Exception {
        var before = slirps();
        Sandbox sandbox = launcher.launch(IsolatedLaunchTest.version(Runtime.PYTHON_3_12, "app.handler", 128),
                spec(NetworkAccess.NONE));
        try (var server = new ServerSocket(0, 50, hostAddress)) {
            String result = IsolatedLaunchTest.text(IsolatedLaunchTest.invoke(sandbox, event(server)));
            assertThat(result).startsWith("ERROR OSError").contains("Network is unreachable");
            assertThat(slirps()).containsExactlyInAnyOrderElementsOf(before);
        } finally {
            sandbox.stop("test over");
        }
    }

    @Test
    void withoutSlirp4netnsTheLaunchFailsAsAServiceExceptionAndLeavesNothing() throws Exception {
        var settings = NamespaceSettings.defaults(data, api.unixSocket().orElseThrow()).withCgroups(false);
        var missing = new OutboundNetwork(Path.of("/nonexistent/slirp4netns"), settings.bwrap(),
                data.resolve("missing-resolv.conf"), settings.hidden());
        try (var without = NamespaceIsolation.create(settings, "test", missing)) {
            var refusing = new SandboxLauncher(api, fleet, without);
            int sessions = api.openSessions();
            int sandboxes = fleet.size();
            var spec = spec(NetworkAccess.OUTBOUND);
            assertThatThrownBy(() -> refusing.launch(IsolatedLaunchTest.version(Runtime.PYTHON_3_12, "app.handler",
                    128), spec))
                    .isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE))
                    .hasMessageContaining("slirp4netns is not installed");
            assertThat(api.openSessions()).isEqualTo(sessions);
            assertThat(fleet.size()).isEqualTo(sandboxes);
        }
    }
}
