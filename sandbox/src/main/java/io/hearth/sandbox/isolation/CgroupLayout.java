package io.hearth.sandbox.isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Which cgroup hierarchy this server's sandboxes use, as read from the mount table by
 * {@link CgroupMounts#layout}: a closed set of three answers.
 *
 * <ul>
 *   <li>{@link V1}: the memory and pids controllers are mounted as v1 hierarchies. A hybrid host
 *       (v1 controllers plus an empty {@code cgroup2} mount, as systemd's "hybrid" mode) is v1:
 *       a controller bound to a v1 hierarchy is not available in v2.</li>
 *   <li>{@link V2}: no v1 memory or pids hierarchy, and a {@code cgroup2} mount holding this process.</li>
 *   <li>{@link None}: neither.</li>
 * </ul>
 */
sealed interface CgroupLayout {
    /** The v1 controllers used (memory and pids required, cpu optional). */
    List<String> V1_CONTROLLERS = List.of("memory", "pids", "cpu");

    /** Each mounted v1 controller with the directory of this process's own cgroup in it. */
    record V1(Map<String, Path> own) implements CgroupLayout {
        public V1 {
            own = Map.copyOf(own);
        }
    }

    /** The directory of this process's own cgroup in the unified hierarchy. */
    record V2(Path own) implements CgroupLayout {}

    /** No usable hierarchy, and why. */
    record None(String why) implements CgroupLayout {}
}
