package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-function outbound network in real sandboxes (issue: "outbound network is a per-function
 * setting, none by default"): without it a sandbox cannot reach even the host's own network
 * address; with it (slirp4netns) it can, yet still not the host's loopback services, neither
 * directly nor through slirp's host alias 10.0.2.2; its DNS server is slirp's; the slirp4netns
 * process ends with the sandbox, and by itself when its exit pipe closes as at a server crash.
 * Each refusal is paired with a check that the service is really up, so it proves the sandbox.
 */
class OutboundNetworkTest {
    private static final AtomicInteger SANDBOXES = new AtomicInteger();
    private static IsolationFixture host;
    private static InetAddress hostAddress;

    @BeforeAll
    static void start() throws Exception {
        host = new IsolationFixture();
        OutboundHost.assumeSlirp();
        hostAddress = OutboundHost.address();
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) host.close();
    }

    /** A sandbox as the launcher makes it: planned, started, its network attached; released when it ended. */
    private record Started(Process process, LaunchPlan plan, Path out) implements AutoCloseable {
        String finish() throws Exception {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("sandbox did not finish: " + Files.readString(out));
            }
            process.onExit().get();
            close();
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.onExit().get(10, TimeUnit.SECONDS);
            }
            plan.network().release();
            plan.limits().release();
        }
    }

    private static Started launch(String script, NetworkAccess network) throws Exception {
        var env = new HashMap<String, String>(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin",
                "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1/s/token"));
        String id = "sb-outbound-" + ProcessHandle.current().pid() + "-" + SANDBOXES.incrementAndGet();
        var plan = host.isolation.plan(new ProcessRequest(id, List.of("/bin/sh", "-c", script), host.code,
                host.runtimeDir, env, 128, false, network));
        Path out = Files.createTempFile("sandbox-", ".out");
        out.toFile().deleteOnExit();
        var builder = new ProcessBuilder(plan.command()).directory(plan.directory().toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(plan.environment());
        Process p = host.isolation.start(builder);
        var started = new Started(p, plan, out);
        try {
            plan.network().attach(p, plan.limits());
        } catch (Exception e) {
            started.close();
            throw e;
        }
        return started;
    }

    private static String run(String script, NetworkAccess network) throws Exception {
        try (var s = launch(script, network)) {
            return s.finish();
        }
    }

    private static String connect(String address, int port) {
        String target = address + ":" + port;
        return "socat -u OPEN:/dev/null TCP:" + target + ",connect-timeout=2 && echo CONNECTED-" + target
                + " || echo REFUSED-" + target + "; ";
    }

    private static boolean hostReaches(InetAddress address, int port) {
        try (var s = new Socket(address, port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void withoutNetworkASandboxCannotReachTheHostsOwnAddress() throws Exception {
        try (var server = new ServerSocket(0, 50, hostAddress)) {
            int port = server.getLocalPort();
            assertThat(hostReaches(hostAddress, port)).isTrue();
            String out = run(connect(hostAddress.getHostAddress(), port) + "cat /etc/resolv.conf", NetworkAccess.NONE);
            assertThat(out).contains("REFUSED-" + hostAddress.getHostAddress()).contains("Network is unreachable")
                    .doesNotContain("CONNECTED").doesNotContain("nameserver " + OutboundNetwork.DNS);
        }
    }

    @Test
    void anOutboundSandboxExchangesBytesWithAServiceOnTheHostsAddress() throws Exception {
        try (var server = new ServerSocket(0, 50, hostAddress)) {
            server.setSoTimeout(15_000);
            var heard = CompletableFuture.supplyAsync(() -> {
                try (Socket c = server.accept()) {
                    String line = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                    c.getOutputStream().write(("pong:" + line + "\n").getBytes(StandardCharsets.UTF_8));
                    return line;
                } catch (java.io.IOException e) {
                    return "server failed: " + e;
                }
            });
            String out = run("echo ping-from-sandbox | socat -t 5 - TCP:" + hostAddress.getHostAddress() + ":"
                    + server.getLocalPort() + ",connect-timeout=2", NetworkAccess.OUTBOUND);
            assertThat(heard.get(5, TimeUnit.SECONDS)).isEqualTo("ping-from-sandbox");
            assertThat(out).contains("pong:ping-from-sandbox");
        }
    }

    @Test
    void anOutboundSandboxStillCannotReachTheHostsLoopback() throws Exception {
        try (var loopback = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             var network = new ServerSocket(0, 50, hostAddress)) {
            int port = loopback.getLocalPort();
            assertThat(hostReaches(InetAddress.getLoopbackAddress(), port)).isTrue();
            String out = run(connect("127.0.0.1", port) + connect("10.0.2.2", port)
                    + connect(hostAddress.getHostAddress(), network.getLocalPort()), NetworkAccess.OUTBOUND);
            assertThat(out).contains("REFUSED-127.0.0.1:" + port, "REFUSED-10.0.2.2:" + port)
                    .contains("CONNECTED-" + hostAddress.getHostAddress() + ":" + network.getLocalPort())
                    .doesNotContain("CONNECTED-127.0.0.1", "CONNECTED-10.0.2.2");
        }
    }

    @Test
    void anOutboundSandboxUsesSlirpsDnsServerAndItsNetworkIsUpBeforeUserCode() throws Exception {
        String out = run("cat /etc/resolv.conf; cat /proc/net/route; cat /proc/net/dev", NetworkAccess.OUTBOUND);
        assertThat(out).contains("nameserver 10.0.2.3\n").doesNotContain("nameserver 127.")
                .containsPattern("(?m)^tap0\\s+00000000\\s+0202000A\\s")   // default route via 10.0.2.2
                .contains("tap0:");
        assertThat(out.lines().filter(l -> l.startsWith("nameserver"))).containsExactly("nameserver 10.0.2.3");
    }

    @Test
    void theSlirpProcessEndsWithTheSandbox() throws Exception {
        Process slirp;
        try (var s = launch("sleep 30", NetworkAccess.OUTBOUND)) {
            slirp = ((SlirpLink) s.plan().network()).process();
            assertThat(slirp.isAlive()).isTrue();
            assertThat(slirp.info().command().orElse("")).endsWith("slirp4netns");
            assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).contains(slirp.pid());
        }   // the sandbox is killed, then released, as the launcher does when its process exits
        assertThat(slirp.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Test
    void slirpEndsByItselfWhenItsExitPipeClosesAsAtAServerCrashAndTakesTheSandboxAlong() throws Exception {
        try (var s = launch("sleep 30", NetworkAccess.OUTBOUND)) {
            var link = (SlirpLink) s.plan().network();
            Process slirp = link.process();
            link.closeExitPipe();   // what the kernel does to the server's files when it dies
            assertThat(slirp.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
            // a sandbox whose network is gone is not left running without it
            assertThat(s.process().onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
        }
    }

    @Test
    void userCodeNeverRunsWhenTheNetworkDoesNotComeUp() throws Exception {
        var plan = host.isolation.plan(new ProcessRequest("sb-outbound-unattached", List.of("/bin/sh", "-c",
                "echo USER-CODE-RAN"), host.code, host.runtimeDir, Map.of("PATH", "/usr/bin:/bin"), 128, false,
                NetworkAccess.OUTBOUND));
        Path out = Files.createTempFile("sandbox-", ".out");
        try {
            var builder = new ProcessBuilder(plan.command()).directory(plan.directory().toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().clear();
            builder.environment().putAll(plan.environment());
            Process p = host.isolation.start(builder);   // never attached
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            plan.network().release();
            plan.limits().release();
            assertThat(p.exitValue()).isEqualTo(125);
            assertThat(Files.readString(out)).contains("outbound network did not come up")
                    .doesNotContain("USER-CODE-RAN");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void withoutSlirp4netnsAnOutboundSandboxIsRefusedClearlyAndOthersStillStart() throws Exception {
        var missing = new OutboundNetwork(Path.of("/nonexistent/slirp4netns"), host.settings.bwrap(),
                host.data.resolve("resolv.conf"), host.settings.hidden());
        try (var isolation = NamespaceIsolation.create(host.settings.withCgroups(false), "test", missing)) {
            assertThat(isolation.description()).contains("no outbound network (/nonexistent/slirp4netns is not installed");
            var outbound = new ProcessRequest("sb-x", List.of("/bin/true"), host.code, host.runtimeDir, Map.of(), 128,
                    false, NetworkAccess.OUTBOUND);
            assertThatThrownBy(() -> isolation.plan(outbound))
                    .isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE))
                    .hasMessageContaining("Outbound network")
                    .hasMessageContaining("/nonexistent/slirp4netns is not installed");
            var none = new ProcessRequest("sb-y", List.of("/bin/true"), host.code, host.runtimeDir, Map.of(), 128,
                    false, NetworkAccess.NONE);
            assertThat(isolation.plan(none).network()).isSameAs(SandboxNetwork.NONE);
        }
    }
}
