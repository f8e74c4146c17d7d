package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 §2: a sandbox's network namespace has no path to the host's loopback services, while
 * its own loopback works (the Runtime API relay lives there). The host side of each check is
 * asserted too, so that a refused connection proves the sandbox, not an absent service.
 */
class NetworkIsolationTest {
    private static IsolationFixture host;

    @BeforeAll
    static void start() throws Exception {
        host = new IsolationFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) host.close();
    }

    private static String connect(String hostPort) {
        return "socat -u OPEN:/dev/null TCP:" + hostPort + ",connect-timeout=2 && echo CONNECTED-" + hostPort
                + " || echo REFUSED-" + hostPort + "; ";
    }

    private static boolean hostReaches(int port) {
        try (var s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aPortTheHostListensOnAtLoopbackIsUnreachable() throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            assertThat(hostReaches(port)).isTrue();
            var run = host.run(connect("127.0.0.1:" + port), 128);
            assertThat(run.output()).contains("REFUSED-127.0.0.1:" + port).doesNotContain("CONNECTED");
        }
    }

    @Test
    void postgresqlAndRedisOnTheHostsLoopbackAreUnreachable() throws Exception {
        var run = host.run(connect("127.0.0.1:5432") + connect("127.0.0.1:6379") + connect("127.0.0.1:3306"), 128);
        assertThat(run.output()).contains("REFUSED-127.0.0.1:5432", "REFUSED-127.0.0.1:6379", "REFUSED-127.0.0.1:3306")
                .doesNotContain("CONNECTED");
    }

    @Test
    void thereIsNoRouteOutOfTheSandbox() throws Exception {
        var run = host.run(connect("10.0.0.1:80") + connect("192.0.2.1:443") + "ls /sys/class/net; cat /proc/net/route",
                128);
        assertThat(run.output()).contains("REFUSED-10.0.0.1:80", "REFUSED-192.0.2.1:443")
                .contains("Network is unreachable").doesNotContain("CONNECTED");
    }

    @Test
    void theSandboxesOwnLoopbackWorks() throws Exception {
        var run = host.run("socat TCP-LISTEN:7000,bind=127.0.0.1,reuseaddr SYSTEM:'echo pong' & sleep 0.2; "
                + "socat -u TCP:127.0.0.1:7000 STDOUT", 128);
        assertThat(run.output()).contains("pong");
    }

    @Test
    void theRelayListensOnTheSandboxesLoopbackBeforeTheRuntimeStarts() throws Exception {
        var run = host.run("grep -c ' 0100007F:2329 00000000:0000 0A ' /proc/net/tcp; echo \"$AWS_LAMBDA_RUNTIME_API\";"
                + " echo \"$HEARTH_RUNTIME_SOCKET\"; ls -l /run/hearth", 128);
        assertThat(run.output()).startsWith("1\n127.0.0.1:9001/s/token\n/run/hearth/runtime.sock\n")
                .contains("srw-rw-rw-");
    }
}
