package io.hearth.sandbox.isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How namespaced sandboxes are built on this host.
 *
 * @param bwrap         the bubblewrap binary
 * @param setpriv       util-linux {@code setpriv}, which drops to {@code uid}/{@code gid} inside the sandbox
 * @param socat         the relay that gives the sandbox's own loopback a Runtime API port
 * @param runtimeSocket the Runtime API's Unix-domain socket on the host (bind-mounted into every sandbox)
 * @param hidden        host directories no sandbox may see besides the fixed ones (Hearth's data directory)
 * @param tmpBytes      size of each sandbox's private {@code /tmp} (a tmpfs, charged to its memory limit)
 * @param pidsLimit     most processes and threads one sandbox may have at once
 * @param uid           the unprivileged host uid user code runs as
 * @param gid           its gid
 * @param cgroups       whether to apply cgroup limits when the host has usable cgroups
 * @param launcher      whether to start sandboxes through the {@link Launcher} when a python3 for it exists
 *                      (else, and without one, the JVM starts them)
 */
public record NamespaceSettings(Path bwrap, Path setpriv, Path socat, Path runtimeSocket, List<Path> hidden,
                                long tmpBytes, int pidsLimit, int uid, int gid, boolean cgroups,
                                boolean launcher) {
    /** Lambda's default ephemeral storage. */
    public static final long DEFAULT_TMP_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_PIDS_LIMIT = 256;
    /** {@code nobody} / {@code nogroup} on Debian. */
    public static final int NOBODY = 65534;
    private static final java.util.Set<String> SYSTEM = java.util.Set.of("usr", "bin", "sbin", "lib", "lib32", "lib64",
            "libx32", "etc", "proc", "dev", "sys", "opt");

    public NamespaceSettings {
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(setpriv, "setpriv");
        Objects.requireNonNull(socat, "socat");
        Objects.requireNonNull(runtimeSocket, "runtimeSocket");
        hidden = hidden.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        for (Path h : hidden) {
            if (h.getNameCount() == 0 || SYSTEM.contains(h.getName(0).toString()) && h.getNameCount() == 1) {
                throw new IllegalArgumentException("cannot hide " + h + " from sandboxes: the runtimes need it");
            }
        }
        if (tmpBytes < 1024 * 1024) throw new IllegalArgumentException("tmpBytes below 1 MiB: " + tmpBytes);
        if (pidsLimit < 8) throw new IllegalArgumentException("pidsLimit below 8: " + pidsLimit);
        if (uid <= 0 || gid <= 0) throw new IllegalArgumentException("sandboxes may not run as root (uid/gid 0)");
    }

    /**
     * The defaults: Debian's binaries, {@code nobody}, a 512 MiB {@code /tmp}, 256 processes,
     * cgroups when usable, {@code dataDir} hidden.
     */
    public static NamespaceSettings defaults(Path dataDir, Path runtimeSocket) {
        return new NamespaceSettings(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/socat"),
                runtimeSocket, List.of(dataDir), DEFAULT_TMP_BYTES, DEFAULT_PIDS_LIMIT, NOBODY, NOBODY, true, true);
    }

    public NamespaceSettings withTmpBytes(long bytes) {
        return new NamespaceSettings(bwrap, setpriv, socat, runtimeSocket, hidden, bytes, pidsLimit, uid, gid, cgroups, launcher);
    }

    public NamespaceSettings withPidsLimit(int limit) {
        return new NamespaceSettings(bwrap, setpriv, socat, runtimeSocket, hidden, tmpBytes, limit, uid, gid, cgroups, launcher);
    }

    public NamespaceSettings withBwrap(Path path) {
        return new NamespaceSettings(path, setpriv, socat, runtimeSocket, hidden, tmpBytes, pidsLimit, uid, gid, cgroups, launcher);
    }

    public NamespaceSettings withLauncher(boolean use) {
        return new NamespaceSettings(bwrap, setpriv, socat, runtimeSocket, hidden, tmpBytes, pidsLimit, uid, gid, cgroups, use);
    }

    public NamespaceSettings withCgroups(boolean use) {
        return new NamespaceSettings(bwrap, setpriv, socat, runtimeSocket, hidden, tmpBytes, pidsLimit, uid, gid, use, launcher);
    }
}
