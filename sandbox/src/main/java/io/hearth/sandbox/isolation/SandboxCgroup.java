package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One sandbox's cgroup, from its creation until it is removed: memory limited to the function's
 * MemorySize, a pids limit (a fork bomb stops there) and a CPU weight proportional to memory (as
 * Lambda gives CPU in proportion to memory; no hard quota, which would ruin tail latency). The
 * kernel's OOM killer acts inside the cgroup only. {@link CgroupV1Sandbox} and
 * {@link CgroupV2Sandbox} say how each hierarchy spells that; this class owns the lifecycle both
 * share.
 *
 * <p>{@link #release()} runs when the sandbox's process has exited: it records the final peak
 * and OOM count, kills any straggler, then removes the cgroup, retrying every 50 ms (up to 10 s)
 * while the kernel still holds exiting tasks, on the JDK's delayed executor. {@link #resize}
 * refuses once release has begun, and refuses a second resize running at the same time.
 */
abstract sealed class SandboxCgroup implements SandboxLimits permits CgroupV1Sandbox, CgroupV2Sandbox {
    private static final long RETRY_MILLIS = 50;
    private static final int MAX_ATTEMPTS = 200;

    final String id;
    final CgroupFiles files;
    private final AtomicBoolean releasing = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicBoolean resizing = new AtomicBoolean();
    private volatile long finalPeak = -1;
    private volatile boolean finalOom;

    SandboxCgroup(String id, CgroupFiles files) {
        this.id = id;
        this.files = files;
    }

    /** A v1 cgroup of sandbox {@code id} found on disk under {@code bases} (by controller), to remove or inspect. */
    static SandboxCgroup existing(Map<String, Path> bases, String id) {
        return CgroupV1Sandbox.existing(bases, id, CgroupFiles.KERNEL);
    }

    /**
     * The directories to show inside the sandbox, each by its path under {@code /sys/fs/cgroup}:
     * on v1 one per controller (its name), on v2 the one directory at the empty path, that is
     * {@code /sys/fs/cgroup} itself.
     */
    abstract Map<String, Path> directories();

    /** The {@code cgroup.procs} files a process writes its pid to, to join. */
    abstract List<Path> procsFiles();

    /** One pass of removal: kill what is left, remove the directories; true when all are gone. */
    abstract boolean removeOnce();

    /** The peak memory now, or -1 when it cannot be read. */
    abstract long readPeak();

    /** Whether the OOM killer has killed a process of the cgroup, now. */
    abstract boolean readOom();

    /** Writes the limits of a {@code memoryMb} function; throws IllegalStateException when the kernel refuses. */
    abstract void setMemory(int memoryMb);

    @Override
    public final void resize(int memoryMb) {
        if (memoryMb <= 0) throw new IllegalArgumentException("memory size must be positive, not " + memoryMb + " MB");
        if (releasing.get()) throw new IllegalStateException("cannot resize sandbox " + id + ": it has exited");
        if (!resizing.compareAndSet(false, true)) {
            throw new IllegalStateException("cannot resize sandbox " + id + ": another resize is in progress");
        }
        try {
            setMemory(memoryMb);
        } finally {
            resizing.set(false);
        }
    }

    @Override
    public final void release() {
        if (!releasing.compareAndSet(false, true)) return;
        // record the final readings before readers switch to them (released), then remove
        finalPeak = readPeak();
        finalOom = readOom();
        released.set(true);
        attempt(0);
    }

    private void attempt(int n) {
        if (removeOnce()) return;
        if (n >= MAX_ATTEMPTS) {
            System.err.println("hearth: cannot remove " + this + " (processes still in it)");
            return;
        }
        CompletableFuture.runAsync(() -> attempt(n + 1),
                CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS));
    }

    /** Kills what is left and removes the cgroup now, retrying briefly; for leftovers and failed set-ups. */
    final void removeNow() {
        for (int i = 0; i < MAX_ATTEMPTS && !removeOnce(); i++) {
            try {
                Thread.sleep(RETRY_MILLIS);   // the kernel is reaping the tasks just killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public final OptionalLong peakMemoryBytes() {
        long peak = released.get() ? finalPeak : readPeak();
        return peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak);
    }

    @Override
    public final boolean outOfMemory() {
        return released.get() ? finalOom : readOom();
    }

    @Override
    public final Optional<List<Long>> members() {
        if (releasing.get()) return Optional.empty();
        var out = new ArrayList<Long>();
        try {
            for (String line : files.read(procsFiles().getFirst()).split("\n")) {
                if (!line.isBlank()) out.add(Long.parseLong(line.trim()));
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /** SIGKILLs every process listed in {@code procs} (a {@code cgroup.procs} file). */
    final void killListed(Path procs) {
        for (long pid : pids(procs)) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** The pids listed in {@code procs}; none when it cannot be read (the cgroup is going away). */
    final List<Long> pids(Path procs) {
        var out = new ArrayList<Long>();
        try {
            for (String line : files.read(procs).split("\n")) {
                if (!line.isBlank()) out.add(Long.parseLong(line.trim()));
            }
        } catch (IOException | NumberFormatException ignored) {
            // the directory is going away
        }
        return out;
    }

    /** A number read from an interface file, or -1. */
    final long readNumber(Path file) {
        try {
            return Long.parseLong(files.read(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The value of {@code key} in a flat-keyed file ({@code key value} lines), or -1. */
    final long readKey(Path file, String key) {
        try {
            for (String line : files.read(file).split("\n")) {
                if (line.startsWith(key + " ")) return Long.parseLong(line.substring(key.length() + 1).trim());
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static long bytes(int memoryMb) {
        return (long) memoryMb << 20;
    }
}
