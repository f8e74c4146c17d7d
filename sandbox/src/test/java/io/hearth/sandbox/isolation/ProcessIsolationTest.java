package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 4 §2: a sandbox has its own pid, uts and ipc namespaces; what it kills stays inside. */
class ProcessIsolationTest {
    private static IsolationFixture host;

    @BeforeAll
    static void start() throws Exception {
        host = new IsolationFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) host.close();
    }

    @Test
    void theRuntimeSeesOnlyItsOwnProcesses() throws Exception {
        var run = host.run("echo pid=$$; ls /proc | grep -E '^[0-9]+$' | tr '\\n' ' '", 128);
        assertThat(run.output()).startsWith("pid=2\n");
        var pids = List.of(run.output().lines().toList().get(1).trim().split(" "));
        assertThat(pids).contains("1", "2").doesNotContain(Long.toString(ProcessHandle.current().pid()))
                .hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void killingEveryProcessItMayHarmsNothingOutside() throws Exception {
        // a host process of the very uid sandboxes run as: outside a pid namespace, kill -9 -1 would reach it
        Process neighbour = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                "sleep", "30").start();
        try {
            assertThat(neighbour.isAlive()).isTrue();
            var run = host.run("kill -9 -1; echo still-here", 128);
            assertThat(run.output()).contains("still-here");
            assertThat(neighbour.waitFor(300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(neighbour.isAlive()).isTrue();
        } finally {
            neighbour.destroyForcibly();
        }
    }

    @Test
    void theHostsNameAndIpcObjectsAreNotVisible() throws Exception {
        var run = host.run("hostname; cat /proc/sysvipc/shm | wc -l; ls -A /dev/shm | wc -l", 128);
        assertThat(run.output()).startsWith("localhost\n1\n0\n");
    }

    @Test
    void aSetuidBinaryGivesNothingBack() throws Exception {
        var run = host.run("su -c id root </dev/null; mount -t tmpfs none /tmp; id -u", 128);
        assertThat(run.output()).doesNotContain("uid=0").endsWith("65534\n");
    }
}
