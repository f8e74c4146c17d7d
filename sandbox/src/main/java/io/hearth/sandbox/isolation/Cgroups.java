package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This server's branch of the host's cgroups: a directory {@code hearth-HASH} inside the cgroup
 * the server itself runs in (so whatever limits the server's own service has still bound all of
 * its sandboxes; {@code HASH} names this server's Runtime API socket, so that two servers on one
 * host never touch each other's sandboxes), and one child there per sandbox ({@link SandboxCgroup}).
 *
 * <p>{@link #detect} reads {@code /proc/self/mountinfo} and {@code /proc/self/cgroup}
 * ({@link CgroupMounts#layout}) and sets up whichever hierarchy the host uses: cgroup v1
 * ({@link CgroupV1Branch}: one such directory per controller) or, on a host with only the unified
 * hierarchy, cgroup v2 ({@link CgroupV2Branch}: one directory for all controllers). Usable only
 * when the memory and pids controllers can be used, i.e. as root (and, under systemd on v2, with
 * {@code Delegate=yes}); cpu is optional.
 */
sealed interface Cgroups permits CgroupV1Branch, CgroupV2Branch {
    /** This host's usable cgroups for a server identified by {@code serverKey}, or why there are none. */
    static Optional<Cgroups> detect(String serverKey, StringBuilder why) {
        try {
            return detect(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                    Files.readAllLines(Path.of("/proc/self/cgroup")), serverKey, CgroupFiles.KERNEL, why);
        } catch (IOException e) {
            why.append("cannot read /proc/self: ").append(e.getMessage());
            return Optional.empty();
        }
    }

    /** As {@link #detect(String, StringBuilder)} from the given mount table and membership, on the real file systems. */
    static Optional<Cgroups> detect(List<String> mountinfo, List<String> membership, String serverKey,
                                    StringBuilder why) {
        return detect(mountinfo, membership, serverKey, CgroupFiles.KERNEL, why);
    }

    /** As {@link #detect(String, StringBuilder)} from the given mount table and membership, through {@code files}. */
    static Optional<Cgroups> detect(List<String> mountinfo, List<String> membership, String serverKey,
                                    CgroupFiles files, StringBuilder why) {
        String base = "hearth-" + shortHash(serverKey);
        return switch (CgroupMounts.layout(mountinfo, membership)) {
            case CgroupLayout.V1 v1 -> CgroupV1Branch.setUp(v1.own(), base, files, why);
            case CgroupLayout.V2 v2 -> CgroupV2Branch.setUp(v2.own(), base, files, why);
            case CgroupLayout.None none -> {
                why.append(none.why());
                yield Optional.empty();
            }
        };
    }

    /** 1 or 2. */
    int version();

    /**
     * Creates the cgroup of sandbox {@code id} with its limits.
     *
     * @throws IllegalStateException when the kernel refuses
     */
    SandboxCgroup create(String id, int memoryMb, int pidsLimit);

    /** The controllers in use, each with this server's directory (on v2 the same one for all). */
    Map<String, Path> bases();

    /**
     * Removes the cgroups of sandboxes a crashed previous run of this server left (killing any
     * process still in them) and returns how many there were.
     */
    int removeLeftovers();

    /** Removes this server's directories (once its sandboxes are gone); true when none is left. */
    boolean removeBases();

    private static String shortHash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
