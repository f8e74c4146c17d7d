package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 4 §2: memory, pids and CPU weight of a sandbox, enforced by its own cgroup. */
class CgroupLimitsTest {
    /**
     * Every process forks, retrying when refused, for two seconds; after one second the first one
     * reads the cgroup's process count (the bomb still raging), reports and kills them all.
     */
    private static final String FORK_BOMB = """
            import os, time
            first, start, refused = os.getpid(), time.time(), 0
            while time.time() - start < (1.0 if os.getpid() == first else 2.0):
                try:
                    os.fork()
                except OSError:
                    refused += 1
                    time.sleep(0.001)
            if os.getpid() == first:
                print('current', open('/sys/fs/cgroup/pids/pids.current').read().strip(), 'refused', refused, flush=True)
                os.kill(-1, 9)
            os._exit(0)
            """;

    private static IsolationFixture host;

    @BeforeAll
    static void start() throws Exception {
        host = new IsolationFixture(s -> s.withPidsLimit(64));
        var isolation = (NamespaceIsolation) host.isolation;
        assumeTrue(isolation.limited() && isolation.description().contains("cgroup v1"),
                "this host has no usable cgroup v1 controllers: " + isolation.description());
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) host.close();
    }

    @Test
    void theLimitsAreTheFunctionsAndVisibleInside() throws Exception {
        var run = host.run("cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max "
                + "/sys/fs/cgroup/cpu/cpu.shares; ls /sys/fs/cgroup", 256);
        assertThat(run.output()).startsWith((256L << 20) + "\n64\n256\ncpu\nmemory\npids\n");
    }

    @Test
    void allSandboxesTogetherWeighAsMuchAsOneBusyTaskPerCpu() throws Exception {
        Path base = ((NamespaceIsolation) host.isolation).cgroupBases().get("cpu");
        assertThat(Files.readString(base.resolve("cpu.shares")).trim())
                .isEqualTo(Integer.toString(1024 * java.lang.Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void aForkBombHitsThePidsLimitWhileAnotherSandboxKeepsWorking() throws Exception {
        var bomb = CompletableFuture.supplyAsync(() -> {
            try {
                return host.run(List.of("python3", "-c", FORK_BOMB), 512, Map.of());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        var neighbour = host.run("echo neighbour-fine", 128);
        assertThat(neighbour.output()).isEqualTo("neighbour-fine\n");
        var run = bomb.join();
        assertThat(run.output()).containsPattern("(?m)^current 6[0-4] refused [1-9][0-9]*$");
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void twoGigabytesInA128MbFunctionIsKilledAndReportedAsOutOfMemory() throws Exception {
        var run = host.run("python3 -c \"x = b'x' * (2 * 1024 ** 3); print('ALLOCATED')\"; echo exit=$?", 128);
        assertThat(run.output()).doesNotContain("ALLOCATED").contains("exit=137");
        assertThat(run.limits().outOfMemory()).isTrue();
        assertThat(run.limits().peakMemoryBytes()).isPresent();
        assertThat(run.limits().peakMemoryBytes().getAsLong()).isLessThanOrEqualTo(128L << 20);
    }

    @Test
    void anAllocationWithinTheLimitSucceedsAndItsPeakIsMeasured() throws Exception {
        var run = host.run("python3 -c \"x = b'x' * (64 * 1024 ** 2); print('ALLOCATED')\"", 128);
        assertThat(run.output()).contains("ALLOCATED");
        assertThat(run.limits().outOfMemory()).isFalse();
        assertThat(run.limits().peakMemoryBytes().getAsLong()).isBetween(64L << 20, 128L << 20);
    }

    @Test
    void theSandboxesProcessesAreTheMembersOfItsCgroupWithoutWalkingTheHostsProcessTable() throws Exception {
        var plan = host.isolation.plan(new ProcessRequest("sb-members-" + ProcessHandle.current().pid(),
                List.of("/bin/sh", "-c", "sleep 30 & (sleep 30 &) ; sleep 30"), host.code, host.runtimeDir,
                Map.of("PATH", "/usr/bin:/bin", "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1/s/token"), 128, false));
        var builder = new ProcessBuilder(plan.command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(plan.environment());
        Process p = host.isolation.start(builder);
        try {
            Set<Long> expected = Set.of();
            for (int i = 0; i < 500 && expected.size() < 6; i++) {   // sandbox: bwrap, its init, sh, 3 × sleep
                Thread.sleep(10);
                expected = Stream.concat(Stream.of(p.pid()), p.descendants().map(ProcessHandle::pid)).collect(Collectors.toSet());
            }
            assertThat(expected).hasSizeGreaterThanOrEqualTo(6);   // the detached sleep too: it is the init's child
            assertThat(plan.limits().members()).hasValueSatisfying(pids -> assertThat(Set.copyOf(pids)).isEqualTo(
                    Stream.concat(Stream.of(p.pid()), p.descendants().map(ProcessHandle::pid)).collect(Collectors.toSet())));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.onExit().get();
            plan.limits().release();
        }
        assertThat(plan.limits().members()).isEmpty();   // released: nothing to list
    }

    @Test
    void theCgroupIsRemovedOnceTheSandboxHasExited() throws Exception {
        var run = host.run("cat /proc/self/cgroup | grep -c :/$", 128);
        Path dir = ((SandboxCgroup) run.limits()).directories().get("pids");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Files.exists(dir) && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(dir).doesNotExist();
        assertThat(run.output().trim()).isNotEqualTo("0");
    }
}
