package io.hearth.sandbox.isolation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file system a namespaced sandbox sees, and how host paths of a command line map into it.
 * Lambda's layout: the code read-only at {@code /var/task}, the runtime (Hearth's bootstraps) at
 * {@code /var/runtime}; the Runtime API's socket at {@code /run/hearth/runtime.sock}. The host's
 * {@code /var}, {@code /run}, {@code /home}, {@code /root}, {@code /mnt}, {@code /media} and
 * {@code /srv} are replaced by empty directories (they hold other tenants' data, service sockets
 * such as PostgreSQL's, and secrets), {@code /tmp} by a private bounded one, {@code /sys/fs/cgroup}
 * by the sandbox's own cgroups only.
 */
final class SandboxPaths {
    static final String TASK = "/var/task";
    static final String RUNTIME = "/var/runtime";
    static final String SOCKET_DIR = "/run/hearth";
    static final String SOCKET = SOCKET_DIR + "/runtime.sock";
    static final String CGROUPS = "/sys/fs/cgroup";
    /** The port the in-sandbox relay listens on, on the sandbox's own loopback. */
    static final int RELAY_PORT = 9001;
    static final List<Path> HIDDEN = List.of("/var", "/run", "/home", "/root", "/mnt", "/media", "/srv").stream()
            .map(Path::of).toList();

    private final Path codeDir;
    private final Path runtimeDir;

    SandboxPaths(Path codeDir, Path runtimeDir) {
        this.codeDir = codeDir.toAbsolutePath().normalize();
        this.runtimeDir = runtimeDir.toAbsolutePath().normalize();
    }

    /**
     * {@code arg} with a leading host code or runtime directory replaced by its place in the
     * sandbox; also the path value of an option ({@code -XX:SharedArchiveFile=/host/…}).
     */
    String inside(String arg) {
        if (arg.startsWith("-")) {
            int eq = arg.indexOf('=');
            return eq > 0 && arg.startsWith("/", eq + 1) ? arg.substring(0, eq + 1) + inside(arg.substring(eq + 1)) : arg;
        }
        if (!arg.startsWith("/")) return arg;
        Path p = Path.of(arg).normalize();
        if (p.startsWith(codeDir)) return join(TASK, codeDir.relativize(p));
        if (p.startsWith(runtimeDir)) return join(RUNTIME, runtimeDir.relativize(p));
        return arg;
    }

    private static String join(String base, Path rest) {
        return rest.toString().isEmpty() ? base : base + "/" + rest;
    }

    /** Whether {@code p} lies in a directory the sandbox does not see ({@link #HIDDEN}, {@code /tmp} or {@code extra}). */
    static boolean hidden(Path p, List<Path> extra) {
        return coveringRoot(p, extra) != null;
    }

    /** The hidden directory that contains {@code p}, or null when the sandbox sees it. */
    static Path coveringRoot(Path p, List<Path> extra) {
        Path n = p.toAbsolutePath().normalize();
        if (n.startsWith("/tmp")) return Path.of("/tmp");
        for (Path h : HIDDEN) if (n.startsWith(h)) return h;
        for (Path h : extra) if (n.startsWith(h)) return h;
        return null;
    }

    /**
     * The directories to bind read-only, at the same path, so that an executable kept in a
     * hidden directory (a pyenv interpreter under {@code /root}) still runs: its installation
     * prefix ({@code …/versions/3.12.1} for {@code …/versions/3.12.1/bin/python3.12}).
     */
    static List<Path> interpreterBinds(List<String> command, Path codeDir, Path runtimeDir, List<Path> extraHidden) {
        var binds = new ArrayList<Path>();
        String exe = command.getFirst();
        if (!exe.startsWith("/")) return binds;
        Path p = Path.of(exe).normalize();
        if (p.startsWith(codeDir.toAbsolutePath().normalize()) || p.startsWith(runtimeDir.toAbsolutePath().normalize())) {
            return binds;
        }
        if (!hidden(p, extraHidden) || p.getParent() == null) return binds;
        Path dir = p.getParent();
        Path prefix = dir.getFileName() != null && dir.getFileName().toString().equals("bin") && dir.getParent() != null
                ? dir.getParent() : dir;
        if (coveringRoot(prefix, extraHidden) != null && !coveringRoot(prefix, extraHidden).equals(prefix)) {
            binds.add(prefix);
        }
        return binds;
    }
}
