package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * This server's branch of the unified (v2) cgroup hierarchy: one directory {@code hearth-HASH}
 * in the cgroup the server runs in, with the memory, pids and (when available) cpu controllers
 * enabled for its children, the sandboxes' cgroups ({@link CgroupV2Sandbox}). It weighs
 * {@link #BASE_CPU_WEIGHT} against the server's neighbours.
 *
 * <p>Set-up. The server's cgroup must have been given memory and pids by its parent (they are in
 * its {@code cgroup.controllers}; under systemd, {@code Delegate=yes} on the service). v2 lets
 * a cgroup other than the root either hold processes or enable controllers for children, not
 * both; so when the server's cgroup has not enabled them yet, every process in it (this server,
 * and whatever shares its service's cgroup) moves first into the leaf {@code hearth-server}
 * (writing a pid to {@code cgroup.procs} moves all of its threads), then {@code +memory +pids +cpu}
 * go to its {@code cgroup.subtree_control}. A process forked in between makes the kernel refuse
 * ({@code EBUSY}): the move and the write are retried a few times. The leaf stays (the server
 * lives there); the root cgroup, where processes and controllers may coexist, is used as it is.
 *
 * <pre>
 *   SERVICE/                     the server's cgroup: subtree_control "memory pids cpu"
 *   ├── hearth-server/           the server's processes
 *   └── hearth-HASH/             cpu.weight BASE_CPU_WEIGHT, subtree_control "memory pids cpu"
 *       └── sb-…/                one sandbox: memory.max, memory.swap.max 0, pids.max, cpu.weight
 * </pre>
 */
final class CgroupV2Branch implements Cgroups {
    /** The leaf the server's own processes move to. */
    static final String SERVER_LEAF = "hearth-server";
    /**
     * CPU weight of all sandboxes together: as many default (100) weights as the host has CPUs,
     * as on v1, within the kernel's maximum of 10,000.
     */
    static final int BASE_CPU_WEIGHT = Math.min(10_000,
            CgroupV2Sandbox.DEFAULT_WEIGHT * java.lang.Runtime.getRuntime().availableProcessors());
    private static final List<String> REQUIRED = List.of("memory", "pids");
    private static final int ENABLE_ATTEMPTS = 10;

    private final Path base;
    private final List<String> controllers;
    private final CgroupFiles files;

    private CgroupV2Branch(Path base, List<String> controllers, CgroupFiles files) {
        this.base = base;
        this.controllers = controllers;
        this.files = files;
    }

    /** Makes {@code baseName} in {@code own}, this process's cgroup, with the controllers enabled, or says why not. */
    static Optional<Cgroups> setUp(Path own, String baseName, CgroupFiles files, StringBuilder why) {
        try {
            Set<String> available = words(files.read(own.resolve("cgroup.controllers")));
            if (!available.containsAll(REQUIRED)) {
                why.append("cgroup v2: the memory and pids controllers are not delegated to ").append(own)
                        .append(" (it has '").append(String.join(" ", available)).append("'; under systemd, run the")
                        .append(" service with Delegate=yes)");
                return Optional.empty();
            }
            var wanted = new ArrayList<>(REQUIRED);
            if (available.contains("cpu")) wanted.add("cpu");
            enableForChildren(own, wanted, files);
            Path base = own.resolve(baseName);
            if (!files.exists(base)) files.createDirectory(base);
            var enabled = enable(base, wanted, files);
            if (enabled.contains("cpu")) files.write(base.resolve("cpu.weight"), BASE_CPU_WEIGHT);
            return Optional.of(new CgroupV2Branch(base, enabled, files));
        } catch (IOException | RuntimeException e) {
            why.append("cannot set up cgroup v2 in ").append(own).append(": ").append(e.getMessage());
            return Optional.empty();
        }
    }

    /** Enables {@code wanted} in {@code own}'s subtree_control, first moving its processes into {@link #SERVER_LEAF}. */
    private static void enableForChildren(Path own, List<String> wanted, CgroupFiles files) throws IOException {
        boolean root = !files.exists(own.resolve("cgroup.type"));   // only non-root cgroups have it
        for (int attempt = 1; ; attempt++) {
            if (words(files.read(own.resolve("cgroup.subtree_control"))).containsAll(wanted)) return;
            if (!root) moveProcesses(own, own.resolve(SERVER_LEAF), files);
            try {
                enable(own, wanted, files);
                return;
            } catch (IOException e) {
                if (attempt >= ENABLE_ATTEMPTS) {
                    throw new IOException("cannot enable " + wanted + " in " + own.resolve("cgroup.subtree_control")
                            + ": " + e.getMessage() + " (processes still in it: "
                            + files.read(own.resolve("cgroup.procs")).strip().replace('\n', ' ') + ")", e);
                }
            }
        }
    }

    private static void moveProcesses(Path from, Path leaf, CgroupFiles files) throws IOException {
        String[] pids = files.read(from.resolve("cgroup.procs")).strip().split("\n");
        if (pids.length == 1 && pids[0].isEmpty()) return;
        if (!files.exists(leaf)) files.createDirectory(leaf);
        for (String pid : pids) {
            try {
                files.write(leaf.resolve("cgroup.procs"), pid.strip());
            } catch (IOException exited) {
                // gone meanwhile (ESRCH); anything that could not move makes the enabling fail, and retry
            }
        }
    }

    /**
     * Writes {@code +c} for each of {@code wanted} not yet in {@code dir}'s subtree_control and returns those
     * enabled; memory and pids are required, cpu may be refused (realtime processes in the subtree).
     */
    private static List<String> enable(Path dir, List<String> wanted, CgroupFiles files) throws IOException {
        Path control = dir.resolve("cgroup.subtree_control");
        Set<String> enabled = words(files.read(control));
        var out = new ArrayList<String>();
        for (String controller : wanted) {
            if (!enabled.contains(controller)) {
                try {
                    files.write(control, "+" + controller);
                } catch (IOException e) {
                    if (REQUIRED.contains(controller)) throw e;
                    continue;
                }
            }
            out.add(controller);
        }
        return List.copyOf(out);
    }

    private static Set<String> words(String text) {
        var out = new TreeSet<>(Arrays.asList(text.strip().split("\\s+")));
        out.remove("");
        return out;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public SandboxCgroup create(String id, int memoryMb, int pidsLimit) {
        return CgroupV2Sandbox.create(base, id, memoryMb, pidsLimit, controllers.contains("cpu"), files);
    }

    @Override
    public Map<String, Path> bases() {
        var out = new LinkedHashMap<String, Path>();
        for (String controller : controllers) out.put(controller, base);
        return Collections.unmodifiableMap(out);
    }

    @Override
    public int removeLeftovers() {
        List<Path> children;
        try {
            children = files.subdirectories(base);
        } catch (IOException e) {
            return 0;
        }
        for (Path child : children) CgroupV2Sandbox.existing(base, child.getFileName().toString(), files).removeNow();
        return children.size();
    }

    @Override
    public boolean removeBases() {
        try {
            if (files.exists(base)) files.removeDirectory(base);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "cgroup v2 " + base + " " + controllers;
    }
}
