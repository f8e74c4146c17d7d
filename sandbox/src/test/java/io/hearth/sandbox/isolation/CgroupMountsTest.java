package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding this process's cgroup directories from /proc/self/mountinfo and /proc/self/cgroup text. */
class CgroupMountsTest {
    private static final List<String> MOUNTS = List.of(
            "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct",
            "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "39 31 0:36 /docker/abc /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
    private static final List<String> MEMBERSHIP = List.of(
            "9:pids:/docker/abc/svc",
            "4:memory:/system.slice/hearth.service",
            "2:cpu,cpuacct:/",
            "0::/system.slice/hearth.service");

    @Test
    void joinsTheMountPointAndThisProcesssPath() {
        assertThat(CgroupMounts.ownDirectory(MOUNTS, MEMBERSHIP, "memory"))
                .isEqualTo(Path.of("/sys/fs/cgroup/memory/system.slice/hearth.service"));
        assertThat(CgroupMounts.ownDirectory(MOUNTS, MEMBERSHIP, "cpu")).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
    }

    @Test
    void aMountedSubTreeDropsThePartAboveItsRoot() {
        assertThat(CgroupMounts.ownDirectory(MOUNTS, MEMBERSHIP, "pids")).isEqualTo(Path.of("/sys/fs/cgroup/pids/svc"));
        assertThat(CgroupMounts.ownDirectory(MOUNTS, List.of("9:pids:/elsewhere"), "pids")).isNull();
    }

    @Test
    void anUnmountedControllerOrTheUnifiedHierarchyGivesNothing() {
        assertThat(CgroupMounts.ownDirectory(MOUNTS, MEMBERSHIP, "blkio")).isNull();
        assertThat(CgroupMounts.ownDirectory(MOUNTS, MEMBERSHIP, "")).isNull();
        assertThat(CgroupMounts.ownDirectory(List.of("garbage", ""), MEMBERSHIP, "memory")).isNull();
    }

    @Test
    void withoutMemoryAndPidsThereAreNoLimits() {
        var why = new StringBuilder();
        assertThat(Cgroups.detect(List.of(MOUNTS.get(1)), MEMBERSHIP, "key", why)).isEmpty();
        assertThat(why.toString()).contains("no cgroup v1 memory and pids controllers", "no cgroup v2 hierarchy");
    }

    /** A v1-only host (v1 controllers, no cgroup2 mount at all). */
    @Test
    void aV1OnlyHostUsesV1() {
        var layout = CgroupMounts.layout(MOUNTS.subList(0, 4), MEMBERSHIP.subList(0, 3));
        assertThat(layout).isEqualTo(new CgroupLayout.V1(java.util.Map.of(
                "memory", Path.of("/sys/fs/cgroup/memory/system.slice/hearth.service"),
                "pids", Path.of("/sys/fs/cgroup/pids/svc"),
                "cpu", Path.of("/sys/fs/cgroup/cpu,cpuacct"))));
    }

    /** systemd's hybrid mode (this build machine's layout): v1 controllers plus an empty cgroup2 mount. */
    @Test
    void aHybridHostUsesItsV1MemoryAndPidsControllers() {
        assertThat(CgroupMounts.layout(MOUNTS, MEMBERSHIP)).isInstanceOf(CgroupLayout.V1.class);
    }

    @Test
    void aV2OnlyHostUsesTheUnifiedHierarchy() {
        var mounts = List.of("30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 "
                + "rw,nsdelegate,memory_recursiveprot");
        assertThat(CgroupMounts.layout(mounts, List.of("0::/system.slice/hearth.service")))
                .isEqualTo(new CgroupLayout.V2(Path.of("/sys/fs/cgroup/system.slice/hearth.service")));
        assertThat(CgroupMounts.layout(mounts, List.of("0::/")))
                .isEqualTo(new CgroupLayout.V2(Path.of("/sys/fs/cgroup")));
    }

    /** A container's view of v2: its own sub-tree mounted at /sys/fs/cgroup, its membership seen from the host. */
    @Test
    void aV2ContainerSeesItsSubTree() {
        var mounts = List.of("700 690 0:26 /docker/abc /sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw");
        assertThat(CgroupMounts.layout(mounts, List.of("0::/docker/abc/app")))
                .isEqualTo(new CgroupLayout.V2(Path.of("/sys/fs/cgroup/app")));
        assertThat(CgroupMounts.layout(mounts, List.of("0::/elsewhere"))).isInstanceOf(CgroupLayout.None.class);
    }

    /** Only memory bound to v1 (pids not mounted): v1 is unusable, so v2 is tried (and its set-up says why it fails). */
    @Test
    void v1MemoryWithoutPidsFallsToTheUnifiedHierarchy() {
        var layout = CgroupMounts.layout(List.of(MOUNTS.get(2), MOUNTS.get(4)), MEMBERSHIP);
        assertThat(layout).isEqualTo(new CgroupLayout.V2(Path.of("/sys/fs/cgroup/unified/system.slice/hearth.service")));
    }

    @Test
    void thisHostPicksV1WhenItHasV1() throws Exception {
        var mountinfo = java.nio.file.Files.readAllLines(Path.of("/proc/self/mountinfo"));
        var membership = java.nio.file.Files.readAllLines(Path.of("/proc/self/cgroup"));
        boolean v1 = mountinfo.stream().anyMatch(l -> l.contains(" - cgroup ") && l.matches(".*[ ,]memory(,.*|$)"))
                && mountinfo.stream().anyMatch(l -> l.contains(" - cgroup ") && l.matches(".*[ ,]pids(,.*|$)"));
        org.junit.jupiter.api.Assumptions.assumeTrue(v1, "this host has no cgroup v1 memory and pids hierarchies");
        assertThat(CgroupMounts.layout(mountinfo, membership)).isInstanceOf(CgroupLayout.V1.class);
    }
}
