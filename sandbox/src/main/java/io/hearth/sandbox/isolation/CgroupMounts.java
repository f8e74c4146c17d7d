package io.hearth.sandbox.isolation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads where cgroup hierarchies are mounted ({@code /proc/self/mountinfo}: file system type
 * {@code cgroup} with the v1 controller among its super options, or {@code cgroup2} for the
 * unified hierarchy) and where this process sits in each ({@code /proc/self/cgroup}:
 * {@code id:controllers:path}, the unified one being {@code 0::path}), and joins the two into the
 * directory of this process's own cgroup. A mount of a sub-tree (a container's view) is honoured:
 * the part of the path above the mount's root is dropped. {@link #layout} decides v1 or v2.
 */
final class CgroupMounts {
    private CgroupMounts() {}

    /** The hierarchy to use: v1 when its memory and pids controllers are mounted, else v2 when mounted, else none. */
    static CgroupLayout layout(List<String> mountinfo, List<String> membership) {
        var own = new LinkedHashMap<String, Path>();
        for (String controller : CgroupLayout.V1_CONTROLLERS) {
            Path dir = ownDirectory(mountinfo, membership, controller);
            if (dir != null) own.put(controller, dir);
        }
        if (own.containsKey("memory") && own.containsKey("pids")) return new CgroupLayout.V1(own);
        Path unified = unifiedDirectory(mountinfo, membership);
        if (unified != null) return new CgroupLayout.V2(unified);
        return new CgroupLayout.None("no cgroup v1 memory and pids controllers mounted, and no cgroup v2 hierarchy");
    }

    /** The directory of this process's cgroup for v1 {@code controller}, or null when it is not mounted. */
    static Path ownDirectory(List<String> mountinfo, List<String> membership, String controller) {
        return join(mountOf(mountinfo, "cgroup", options -> Arrays.asList(options.split(",")).contains(controller)),
                membershipOf(membership, controllers -> Arrays.asList(controllers.split(",")).contains(controller)));
    }

    /** The directory of this process's cgroup in the unified (v2) hierarchy, or null when it is not mounted. */
    static Path unifiedDirectory(List<String> mountinfo, List<String> membership) {
        return join(mountOf(mountinfo, "cgroup2", options -> true),
                membershipOf(membership, controllers -> controllers.isEmpty()));
    }

    private static Path join(String[] mount, String path) {
        if (mount == null || path == null) return null;
        String root = mount[0];
        String point = mount[1];
        String relative;
        if (root.equals("/")) {
            relative = path;
        } else if (path.equals(root) || path.startsWith(root + "/")) {
            relative = path.substring(root.length());
        } else {
            return null;   // this process sits outside the part of the hierarchy mounted here
        }
        return Path.of(point, relative.isEmpty() ? "/" : relative).normalize();
    }

    /** {mount root, mount point} of the first mount of type {@code type} whose super options match. */
    private static String[] mountOf(List<String> mountinfo, String type, Predicate<String> options) {
        for (String line : mountinfo) {
            int dash = line.indexOf(" - ");
            if (dash < 0) continue;
            String[] before = line.substring(0, dash).split(" ");
            String[] after = line.substring(dash + 3).split(" ");
            if (before.length < 5 || after.length < 3 || !after[0].equals(type)) continue;
            if (options.test(after[2])) return new String[] {unescape(before[3]), unescape(before[4])};
        }
        return null;
    }

    private static String membershipOf(List<String> membership, Predicate<String> controllers) {
        for (String line : membership) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && controllers.test(parts[1])) return parts[2];
        }
        return null;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
