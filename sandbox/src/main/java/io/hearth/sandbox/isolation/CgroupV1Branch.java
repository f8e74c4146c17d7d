package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * This server's branch of the host's cgroup v1 hierarchies: for each of the {@code memory},
 * {@code pids} and (when mounted) {@code cpu} controllers, a directory {@code hearth-HASH} in the
 * cgroup the server runs in, its sandboxes' cgroups ({@link CgroupV1Sandbox}) below. The cpu
 * directory weighs as much as {@link #BASE_CPU_SHARES}.
 */
final class CgroupV1Branch implements Cgroups {
    /**
     * CPU weight of all sandboxes together against the server's neighbours: as many busy tasks as
     * the host has CPUs (a group's default, 1024, would be one task's, so that under load all
     * sandboxes together would get no more than a single host process).
     */
    static final int BASE_CPU_SHARES = 1024 * java.lang.Runtime.getRuntime().availableProcessors();

    private final Map<String, Path> bases;
    private final CgroupFiles files;

    private CgroupV1Branch(Map<String, Path> bases, CgroupFiles files) {
        this.bases = bases;
        this.files = files;
    }

    /** Makes {@code baseName} in each of this process's cgroups {@code own} (by controller), or says why not. */
    static Optional<Cgroups> setUp(Map<String, Path> own, String baseName, CgroupFiles files, StringBuilder why) {
        var bases = new LinkedHashMap<String, Path>();
        own.forEach((controller, dir) -> bases.put(controller, dir.resolve(baseName)));
        for (var e : bases.entrySet()) {
            try {
                if (!files.exists(e.getValue())) files.createDirectory(e.getValue());
                if (e.getKey().equals("cpu")) files.write(e.getValue().resolve("cpu.shares"), BASE_CPU_SHARES);
            } catch (IOException | UnsupportedOperationException ex) {
                why.append("cannot set up ").append(e.getValue()).append(": ").append(ex.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(new CgroupV1Branch(bases, files));
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public SandboxCgroup create(String id, int memoryMb, int pidsLimit) {
        return CgroupV1Sandbox.create(bases, id, memoryMb, pidsLimit, files);
    }

    @Override
    public Map<String, Path> bases() {
        return Collections.unmodifiableMap(bases);
    }

    @Override
    public int removeLeftovers() {
        var names = new TreeSet<String>();
        for (Path base : bases.values()) {
            try {
                files.subdirectories(base).forEach(p -> names.add(p.getFileName().toString()));
            } catch (IOException ignored) {
                // nothing to clean there
            }
        }
        for (String name : names) CgroupV1Sandbox.existing(bases, name, files).removeNow();
        return names.size();
    }

    @Override
    public boolean removeBases() {
        boolean all = true;
        for (Path base : bases.values()) {
            try {
                if (files.exists(base)) files.removeDirectory(base);
            } catch (IOException e) {
                all = false;
            }
        }
        return all;
    }

    @Override
    public String toString() {
        return "cgroup v1 " + bases;
    }
}
