package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sandbox's cgroup v2: a single directory {@code hearth-HASH/ID} of the unified hierarchy.
 * Memory: {@code memory.max} = MemorySize and, where swap is accounted, {@code memory.swap.max} = 0
 * (the limit cannot be dodged by swapping); pids: {@code pids.max}; cpu: {@code cpu.weight}
 * proportional to memory ({@link #cpuWeight}). OOM kills: {@code oom_kill} in {@code memory.events}.
 *
 * <p>Peak. {@code memory.peak} where the kernel has it (5.19 and later). Older kernels have no
 * high-water mark: the peak is then the highest {@code memory.current} seen at each reading (the
 * sandbox reads it at a cold start and at most once a second after an invocation, and at
 * release), so a spike between two readings is missed and the figure can be low.
 *
 * <p>Removal. {@code cgroup.kill} (5.14 and later) kills every process of the cgroup at once, new
 * forks included; without it each process listed in {@code cgroup.procs} gets a SIGKILL, as on v1.
 *
 * <p>Resizing writes {@code memory.max} (and the CPU weight). Unlike v1 the kernel does not refuse
 * a cut below what the sandbox uses: it reclaims and, failing that, OOM-kills inside the cgroup.
 * {@link #resize} then throws IllegalStateException, the sandbox having lost a process.
 */
final class CgroupV2Sandbox extends SandboxCgroup {
    /** cpu.weight of a 1,024 MB function: the v2 default, as cpu.shares 1024 is v1's. */
    static final int DEFAULT_WEIGHT = 100;

    private final Path dir;
    private final boolean cpu;
    private final boolean peakFile;
    private final AtomicLong sampledPeak = new AtomicLong(-1);

    private CgroupV2Sandbox(String id, Path dir, boolean cpu, boolean peakFile, CgroupFiles files) {
        super(id, files);
        this.dir = dir;
        this.cpu = cpu;
        this.peakFile = peakFile;
    }

    /**
     * The CPU weight of a {@code memoryMb} function, proportional to memory: {@code memoryMb × 100 / 1024}
     * within the kernel's 1 to 10,000 (v1's {@code cpu.shares = memoryMb} converted as systemd converts
     * CPUShares to CPUWeight: 128 MB weighs 12, 1,024 MB 100, 10,240 MB 1,000).
     */
    static int cpuWeight(int memoryMb) {
        return (int) Math.max(1, Math.min(10_000, (long) memoryMb * DEFAULT_WEIGHT / 1024));
    }

    static CgroupV2Sandbox create(Path base, String id, int memoryMb, int pidsLimit, boolean cpu, CgroupFiles files) {
        Path dir = base.resolve(id);
        try {
            if (files.exists(dir)) existing(base, id, files).removeNow();
            files.createDirectory(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up the cgroup of sandbox " + id + ": " + e.getMessage(), e);
        }
        var cgroup = new CgroupV2Sandbox(id, dir, cpu, files.exists(dir.resolve("memory.peak")), files);
        try {
            files.write(dir.resolve("memory.max"), bytes(memoryMb));
            if (files.exists(dir.resolve("memory.swap.max"))) files.write(dir.resolve("memory.swap.max"), 0);
            files.write(dir.resolve("pids.max"), pidsLimit);
            if (cpu) files.write(dir.resolve("cpu.weight"), cpuWeight(memoryMb));
            return cgroup;
        } catch (IOException | RuntimeException e) {
            cgroup.removeNow();
            throw new IllegalStateException("cannot set up the cgroup of sandbox " + id + ": " + e.getMessage(), e);
        }
    }

    /** The cgroup of sandbox {@code id} under {@code base}, as found on disk (a leftover), to remove. */
    static CgroupV2Sandbox existing(Path base, String id, CgroupFiles files) {
        return new CgroupV2Sandbox(id, base.resolve(id), false, false, files);
    }

    @Override
    Map<String, Path> directories() {
        return Map.of("", dir);
    }

    @Override
    List<Path> procsFiles() {
        return List.of(dir.resolve("cgroup.procs"));
    }

    @Override
    void setMemory(int memoryMb) {
        long killedBefore = oomKills();
        try {
            files.write(dir.resolve("memory.max"), bytes(memoryMb));
            if (cpu) files.write(dir.resolve("cpu.weight"), cpuWeight(memoryMb));
        } catch (IOException e) {
            throw new IllegalStateException("cannot resize sandbox " + id + " to " + memoryMb + " MB: " + e.getMessage(), e);
        }
        if (oomKills() > killedBefore) {
            throw new IllegalStateException("sandbox " + id + " used more than " + memoryMb
                    + " MB: resizing it made the kernel kill one of its processes");
        }
    }

    @Override
    boolean removeOnce() {
        if (!files.exists(dir)) return true;
        Path kill = dir.resolve("cgroup.kill");
        if (files.exists(kill)) {
            try {
                files.write(kill, 1);
            } catch (IOException ignored) {
                // the cgroup is going away; rmdir says whether it has gone
            }
        } else {
            killListed(dir.resolve("cgroup.procs"));
        }
        try {
            files.removeDirectory(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    long readPeak() {
        if (peakFile) return readNumber(dir.resolve("memory.peak"));
        long now = readNumber(dir.resolve("memory.current"));
        return sampledPeak.accumulateAndGet(now, Math::max);
    }

    @Override
    boolean readOom() {
        return oomKills() > 0;
    }

    private long oomKills() {
        return Math.max(0, readKey(dir.resolve("memory.events"), "oom_kill"));
    }

    @Override
    public String toString() {
        return "cgroup v2 " + dir;
    }
}
