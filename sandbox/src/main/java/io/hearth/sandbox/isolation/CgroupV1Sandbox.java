package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sandbox's cgroup v1: a directory per controller. Memory: {@code memory.limit_in_bytes} =
 * MemorySize and, when the kernel accounts swap, {@code memory.memsw.limit_in_bytes} (memory +
 * swap) the same, so the limit cannot be dodged by swapping; pids: {@code pids.max}; cpu:
 * {@code cpu.shares} = MemorySize in MB (2 to 262,144), against {@link CgroupV1Branch#BASE_CPU_SHARES}
 * for all sandboxes. Peak: {@code memory.max_usage_in_bytes}; OOM kills: {@code oom_kill} in
 * {@code memory.oom_control}.
 *
 * <p>Resizing. The kernel keeps memory+swap at or above memory, so a raise writes memsw first and
 * a cut writes memory first. A cut below what the sandbox uses makes the kernel reclaim, and
 * refuse ({@code EBUSY}) what it cannot: the limits are then put back as they were and
 * {@link #resize} throws IllegalStateException.
 */
final class CgroupV1Sandbox extends SandboxCgroup {
    private static final String LIMIT = "memory.limit_in_bytes";
    private static final String MEMSW = "memory.memsw.limit_in_bytes";

    private final Map<String, Path> dirs;

    private CgroupV1Sandbox(String id, Map<String, Path> dirs, CgroupFiles files) {
        super(id, files);
        this.dirs = dirs;
    }

    static CgroupV1Sandbox create(Map<String, Path> bases, String id, int memoryMb, int pidsLimit, CgroupFiles files) {
        var cgroup = existing(bases, id, files);
        try {
            for (Path dir : cgroup.dirs.values()) {
                if (files.exists(dir)) existing(Map.of("stale", dir.getParent()), id, files).removeNow();
                files.createDirectory(dir);
            }
            cgroup.writeMemory(memoryMb);
            files.write(cgroup.dirs.get("pids").resolve("pids.max"), pidsLimit);
            return cgroup;
        } catch (IOException | RuntimeException e) {
            cgroup.removeNow();
            throw new IllegalStateException("cannot set up the cgroup of sandbox " + id + ": " + e.getMessage(), e);
        }
    }

    /** The cgroup of sandbox {@code id} under {@code bases} (by controller), as found on disk. */
    static CgroupV1Sandbox existing(Map<String, Path> bases, String id, CgroupFiles files) {
        var dirs = new LinkedHashMap<String, Path>();
        bases.forEach((controller, base) -> dirs.put(controller, base.resolve(id)));
        return new CgroupV1Sandbox(id, dirs, files);
    }

    @Override
    Map<String, Path> directories() {
        return Map.copyOf(dirs);
    }

    @Override
    List<Path> procsFiles() {
        return dirs.values().stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    @Override
    void setMemory(int memoryMb) {
        long current = readNumber(dirs.get("memory").resolve(LIMIT));
        boolean cut = current >= 0 && bytes(memoryMb) < current;
        try {
            writeMemory(memoryMb);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot resize sandbox " + id + " to " + memoryMb + " MB: the kernel refused ("
                    + e.getMessage() + ")" + (cut ? "; its processes use more memory than that and it could not reclaim"
                    + " enough (the limits are unchanged)" : ""), e);
        }
    }

    /** Memory (and memory+swap) limits in the order the kernel accepts, then the CPU weight; undone on refusal. */
    private void writeMemory(int memoryMb) throws IOException {
        Path memory = dirs.get("memory");
        Path limit = memory.resolve(LIMIT);
        Path memsw = memory.resolve(MEMSW);
        long bytes = bytes(memoryMb);
        if (!files.exists(memsw)) {
            files.write(limit, bytes);
        } else {
            long oldLimit = Long.parseLong(files.read(limit).trim());
            long oldMemsw = Long.parseLong(files.read(memsw).trim());
            boolean raise = bytes >= oldLimit;
            files.write(raise ? memsw : limit, bytes);
            try {
                files.write(raise ? limit : memsw, bytes);
            } catch (IOException e) {
                restore(raise ? memsw : limit, raise ? oldMemsw : oldLimit, e);
                throw e;
            }
        }
        if (dirs.containsKey("cpu")) files.write(dirs.get("cpu").resolve("cpu.shares"), Math.max(2, Math.min(memoryMb, 262_144)));
    }

    private void restore(Path file, long value, IOException failure) {
        try {
            files.write(file, value);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    boolean removeOnce() {
        boolean gone = true;
        for (Path dir : dirs.values()) {
            if (!files.exists(dir)) continue;
            killListed(dir.resolve("cgroup.procs"));
            try {
                files.removeDirectory(dir);
            } catch (IOException e) {
                gone = false;
            }
        }
        return gone;
    }

    @Override
    long readPeak() {
        Path memory = dirs.get("memory");
        return memory == null ? -1 : readNumber(memory.resolve("memory.max_usage_in_bytes"));
    }

    @Override
    boolean readOom() {
        Path memory = dirs.get("memory");
        return memory != null && readKey(memory.resolve("memory.oom_control"), "oom_kill") > 0;
    }

    @Override
    public String toString() {
        return "cgroup v1 " + dirs.values();
    }
}
