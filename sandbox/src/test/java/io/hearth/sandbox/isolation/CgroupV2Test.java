package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.sandbox.isolation.CgroupFakeFsTest.FakeCgroupFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cgroup v2, which this build host does not have, against {@link FakeCgroupFs} (a plain directory
 * that behaves like cgroupfs where it matters): set-up, limits, resize, peak, OOM and removal. The
 * server's cgroup is {@code /system.slice/hearth.service}, holding this JVM and possibly a
 * neighbour; processes put in sandboxes are real ({@code sleep}), so that SIGKILLs are real.
 */
class CgroupV2Test {
    private static final String KEY = "/data/runtime-api.sock";

    @TempDir
    Path tmp;
    private Path root;
    private Path service;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void mountCgroup2() {
        root = tmp.resolve("cgroup");
        service = root.resolve("system.slice/hearth.service");
    }

    @AfterEach
    void stopProcesses() {
        started.forEach(Process::destroyForcibly);
    }

    /** A host like systemd's with Delegate=yes: the controllers reach the service's cgroup, where the server runs. */
    private FakeCgroupFs host(Set<FakeCgroupFs.Feature> features, long... pids) throws IOException {
        var fs = new FakeCgroupFs(root, features, "cpuset", "cpu", "io", "memory", "pids");
        for (Path dir : List.of(root, root.resolve("system.slice"))) {
            if (!dir.equals(root)) fs.createDirectory(dir);
            for (String c : List.of("memory", "pids", "cpu")) fs.write(dir.resolve("cgroup.subtree_control"), "+" + c);
        }
        fs.createDirectory(service);
        for (long pid : pids) fs.write(service.resolve("cgroup.procs"), Long.toString(pid));
        return fs;
    }

    private FakeCgroupFs host(long... pids) throws IOException {
        return host(EnumSet.allOf(FakeCgroupFs.Feature.class), pids);
    }

    private Optional<Cgroups> detect(FakeCgroupFs fs, String membership, StringBuilder why) {
        var mountinfo = List.of("25 30 0:22 / /sys/fs/cgroup/unused rw - tmpfs tmpfs rw",
                "30 23 0:26 / " + root + " rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate");
        return Cgroups.detect(mountinfo, List.of(membership), KEY, fs, why);
    }

    private Cgroups detect(FakeCgroupFs fs) {
        var why = new StringBuilder();
        var cgroups = detect(fs, "0::/system.slice/hearth.service", why);
        assertThat(cgroups).as(why.toString()).isPresent();
        return cgroups.orElseThrow();
    }

    private Process sleeper() throws IOException {
        var p = new ProcessBuilder("sleep", "60").start();
        started.add(p);
        return p;
    }

    private static Path base(Cgroups cgroups) {
        return cgroups.bases().get("memory");
    }

    @Test
    void theServerMovesIntoALeafSoItsCgroupCanEnableControllersForItsSandboxes() throws Exception {
        long self = ProcessHandle.current().pid();
        long neighbour = sleeper().pid();
        var fs = host(self, neighbour);
        var cgroups = detect(fs);

        assertThat(cgroups.version()).isEqualTo(2);
        assertThat(fs.pids(service)).isEmpty();
        assertThat(fs.pids(service.resolve("hearth-server"))).containsExactly(self, neighbour);
        assertThat(fs.read(service.resolve("cgroup.subtree_control")).split(" ")).contains("memory", "pids", "cpu");
        Path base = base(cgroups);
        assertThat(base.getParent()).isEqualTo(service);
        assertThat(base.getFileName().toString()).matches("hearth-[0-9a-f]{12}");
        assertThat(cgroups.bases()).containsOnlyKeys("memory", "pids", "cpu").allSatisfy((c, dir) -> assertThat(dir)
                .isEqualTo(base));
        assertThat(fs.read(base.resolve("cgroup.subtree_control"))).isEqualTo("cpu memory pids");
        assertThat(fs.read(base.resolve("cpu.weight")))
                .isEqualTo(Integer.toString(Math.min(10_000, 100 * java.lang.Runtime.getRuntime().availableProcessors())));
    }

    @Test
    void aCgroupAlreadyDelegatedOrTheRootIsUsedAsItIs() throws Exception {
        long self = ProcessHandle.current().pid();
        var fs = host();
        for (String c : List.of("memory", "pids", "cpu")) fs.write(service.resolve("cgroup.subtree_control"), "+" + c);
        assertThat(detect(fs).version()).isEqualTo(2);
        assertThat(service.resolve("hearth-server")).doesNotExist();

        fs.write(root.resolve("cgroup.procs"), Long.toString(self));   // the root may hold processes and controllers
        fs.write(root.resolve("cgroup.subtree_control"), "-cpu");
        var why = new StringBuilder();
        assertThat(detect(fs, "0::/", why)).as(why.toString()).isPresent();
        assertThat(fs.pids(root)).containsExactly(self);
        assertThat(root.resolve("hearth-server")).doesNotExist();
        assertThat(fs.read(root.resolve("cgroup.subtree_control"))).isEqualTo("cpu memory pids");
    }

    @Test
    void withoutMemoryAndPidsDelegatedThereAreNoLimitsAndTheReasonSaysWhatToDo() throws Exception {
        var fs = host();
        fs.write(root.resolve("system.slice/cgroup.subtree_control"), "-memory");
        var why = new StringBuilder();
        assertThat(detect(fs, "0::/system.slice/hearth.service", why)).isEmpty();
        assertThat(why.toString()).contains("memory and pids controllers are not delegated", "Delegate=yes");
    }

    @Test
    void aSandboxGetsItsLimitsInOneDirectoryBoundAtTheCgroupRoot() throws Exception {
        var fs = host(ProcessHandle.current().pid());
        var sandbox = detect(fs).create("sb-1", 256, 64);
        Path dir = base(detect(fs)).resolve("sb-1");

        assertThat(fs.read(dir.resolve("memory.max"))).isEqualTo(Long.toString(256L << 20));
        assertThat(fs.read(dir.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(fs.read(dir.resolve("pids.max"))).isEqualTo("64");
        assertThat(fs.read(dir.resolve("cpu.weight"))).isEqualTo("25");
        assertThat(sandbox.procsFiles()).containsExactly(dir.resolve("cgroup.procs"));
        assertThat(sandbox.directories()).containsExactly(java.util.Map.entry("", dir));
        assertThat(Path.of(SandboxPaths.CGROUPS, "")).isEqualTo(Path.of("/sys/fs/cgroup"));   // as BwrapCommand joins them
    }

    /** BwrapCommand joins each directory's key to /sys/fs/cgroup: v2's one directory lands on /sys/fs/cgroup itself. */
    @Test
    void theSandboxJoinsItsOneCgroupAndSeesItAtSysFsCgroup() throws Exception {
        var fs = host(ProcessHandle.current().pid());
        var sandbox = detect(fs).create("sb-1", 128, 64);
        Path dir = base(detect(fs)).resolve("sb-1");
        var settings = NamespaceSettings.defaults(tmp.resolve("data"), tmp.resolve("data/runtime-api.sock"));
        var request = new ProcessRequest("sb-1", List.of("/usr/bin/python3"), tmp.resolve("data/code"),
                tmp.resolve("data/runtimes"), java.util.Map.of(), 128, false);
        var argv = BwrapCommand.build(settings, request, List.of("/usr/bin/python3"), sandbox, null);

        int bwrap = argv.indexOf(settings.bwrap().toString());
        assertThat(argv.subList(5, bwrap)).containsExactly(dir.resolve("cgroup.procs").toString(), "--");
        int tmpfs = Collections.indexOfSubList(argv, List.of("--tmpfs", "/sys/fs/cgroup"));
        int bind = Collections.indexOfSubList(argv, List.of("--ro-bind", dir.toString(), "/sys/fs/cgroup"));
        assertThat(tmpfs).isNotNegative().isLessThan(bind);
        assertThat(argv).doesNotContain("/sys/fs/cgroup/", "/sys/fs");
    }

    @Test
    void withoutSwapAccountingOnlyMemoryMaxIsWritten() throws Exception {
        var fs = host(EnumSet.of(FakeCgroupFs.Feature.KILL), ProcessHandle.current().pid());
        detect(fs).create("sb-1", 128, 64);
        assertThat(fs.read(base(detect(fs)).resolve("sb-1/memory.max"))).isEqualTo(Long.toString(128L << 20));
        assertThat(base(detect(fs)).resolve("sb-1/memory.swap.max")).doesNotExist();
    }

    @Test
    void cpuWeightIsProportionalToMemoryWithinTheKernelsRange() {
        assertThat(CgroupV2Sandbox.cpuWeight(128)).isEqualTo(12);
        assertThat(CgroupV2Sandbox.cpuWeight(1024)).isEqualTo(100);
        assertThat(CgroupV2Sandbox.cpuWeight(10_240)).isEqualTo(1000);
        assertThat(CgroupV2Sandbox.cpuWeight(1)).isEqualTo(1);
        assertThat(CgroupV2Sandbox.cpuWeight(1_000_000)).isEqualTo(10_000);
    }

    @Test
    void resizeChangesMemoryAndCpuWeight() throws Exception {
        var fs = host(ProcessHandle.current().pid());
        var sandbox = detect(fs).create("sb-1", 128, 64);
        Path dir = base(detect(fs)).resolve("sb-1");

        sandbox.resize(1024);
        assertThat(fs.read(dir.resolve("memory.max"))).isEqualTo(Long.toString(1L << 30));
        assertThat(fs.read(dir.resolve("cpu.weight"))).isEqualTo("100");
        sandbox.resize(256);
        assertThat(fs.read(dir.resolve("memory.max"))).isEqualTo(Long.toString(256L << 20));
        assertThat(fs.read(dir.resolve("cpu.weight"))).isEqualTo("25");
        assertThatThrownBy(() -> sandbox.resize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCutBelowWhatTheSandboxUsesIsReportedAsTheKernelsKill() throws Exception {
        var fs = host(ProcessHandle.current().pid());
        var sandbox = detect(fs).create("sb-1", 512, 64);
        Path dir = base(detect(fs)).resolve("sb-1");
        fs.set(dir.resolve("memory.current"), Long.toString(300L << 20));

        sandbox.resize(384);
        assertThat(sandbox.outOfMemory()).isFalse();
        assertThatThrownBy(() -> sandbox.resize(128)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sb-1 used more than 128 MB").hasMessageContaining("kill");
        assertThat(sandbox.outOfMemory()).isTrue();
    }

    @Test
    void peakAndOomAreReadFromTheKernelAndKeptAfterRelease() throws Exception {
        var fs = host(ProcessHandle.current().pid());
        var sandbox = detect(fs).create("sb-1", 128, 64);
        Path dir = base(detect(fs)).resolve("sb-1");
        assertThat(sandbox.outOfMemory()).isFalse();

        fs.set(dir.resolve("memory.peak"), Long.toString(90L << 20));
        fs.set(dir.resolve("memory.current"), Long.toString(10L << 20));
        fs.set(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\noom_group_kill 0\n");
        assertThat(sandbox.peakMemoryBytes()).hasValue(90L << 20);
        assertThat(sandbox.outOfMemory()).isTrue();

        sandbox.release();
        assertThat(dir).doesNotExist();
        assertThat(sandbox.peakMemoryBytes()).hasValue(90L << 20);
        assertThat(sandbox.outOfMemory()).isTrue();
        assertThatThrownBy(() -> sandbox.resize(256)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited");
    }

    /** Kernels before 5.19 have no memory.peak: the highest memory.current read stands in for it. */
    @Test
    void withoutMemoryPeakTheHighestCurrentReadingIsThePeak() throws Exception {
        var fs = host(EnumSet.of(FakeCgroupFs.Feature.KILL, FakeCgroupFs.Feature.SWAP), ProcessHandle.current().pid());
        var sandbox = detect(fs).create("sb-1", 128, 64);
        Path current = base(detect(fs)).resolve("sb-1/memory.current");

        fs.set(current, Long.toString(40L << 20));
        assertThat(sandbox.peakMemoryBytes()).hasValue(40L << 20);
        fs.set(current, Long.toString(8L << 20));
        assertThat(sandbox.peakMemoryBytes()).hasValue(40L << 20);
        fs.set(current, Long.toString(60L << 20));
        sandbox.release();
        assertThat(sandbox.peakMemoryBytes()).hasValue(60L << 20);
    }

    @Test
    void removalKillsThroughCgroupKill() throws Exception {
        var fs = host(ProcessHandle.current().pid());
        var sandbox = detect(fs).create("sb-1", 128, 64);
        Path dir = base(detect(fs)).resolve("sb-1");
        long inside = sleeper().pid();
        fs.write(dir.resolve("cgroup.procs"), Long.toString(inside));

        sandbox.release();
        assertThat(dir).doesNotExist();
        assertThat(fs.killed()).containsExactly(inside);
        assertThat(ProcessHandle.of(inside).map(ProcessHandle::isAlive)).hasValue(true);   // the fake does not kill
    }

    /** Kernels before 5.14 have no cgroup.kill: each listed process gets a SIGKILL, then rmdir is retried. */
    @Test
    void withoutCgroupKillEachProcessIsKilledAndTheCgroupRemovedOnceEmpty() throws Exception {
        var fs = host(EnumSet.of(FakeCgroupFs.Feature.PEAK), ProcessHandle.current().pid());
        var sandbox = detect(fs).create("sb-1", 128, 64);
        Path dir = base(detect(fs)).resolve("sb-1");
        var inside = sleeper();
        fs.write(dir.resolve("cgroup.procs"), Long.toString(inside.pid()));

        sandbox.release();
        assertThat(inside.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Files.exists(dir) && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(dir).doesNotExist();
        assertThat(fs.killed()).isEmpty();
    }

    @Test
    void leftoversOfACrashedRunAreRemovedThenTheBase() throws Exception {
        var fs = host(ProcessHandle.current().pid());
        var first = detect(fs);
        first.create("sb-1", 128, 64);
        first.create("sb-2", 128, 64);
        fs.write(base(first).resolve("sb-2/cgroup.procs"), Long.toString(sleeper().pid()));

        var second = detect(fs);   // the next start of the same server
        assertThat(second.removeBases()).isFalse();   // busy: it has children
        assertThat(second.removeLeftovers()).isEqualTo(2);
        assertThat(fs.subdirectories(base(second))).isEmpty();
        assertThat(second.removeBases()).isTrue();
        assertThat(base(second)).doesNotExist();
        assertThat(fs.pids(service.resolve("hearth-server"))).containsExactly(ProcessHandle.current().pid());
    }

    @Test
    void aStaleCgroupOfTheSameIdIsReplaced() throws Exception {
        var fs = host(ProcessHandle.current().pid());
        var cgroups = detect(fs);
        cgroups.create("sb-1", 128, 64);
        Path dir = base(cgroups).resolve("sb-1");
        fs.write(dir.resolve("cgroup.procs"), Long.toString(sleeper().pid()));

        cgroups.create("sb-1", 256, 64);
        assertThat(fs.pids(dir)).isEmpty();
        assertThat(fs.read(dir.resolve("memory.max"))).isEqualTo(Long.toString(256L << 20));
    }
}
