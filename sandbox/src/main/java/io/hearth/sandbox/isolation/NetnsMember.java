package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a process inside a sandbox's network namespace, from the host, once bubblewrap is done
 * with that namespace. The process the server started (the host script, then bubblewrap) stays in
 * the server's namespace; bubblewrap's child, the sandbox's pid 1, is the first process in a new
 * one. Each namespace is a link {@code /proc/PID/ns/net → net:[inode]}; a descendant whose link
 * differs from the server's own is in the sandbox's (no process inside can make another: the
 * seccomp filter refuses namespaces). Bubblewrap configures the namespace's loopback itself,
 * before it execs the sandbox's command, and anything configuring the namespace at the same
 * time makes it fail; so the namespace is ready once a process in it runs another executable
 * than bubblewrap. The pid returned is only as good as that process's life, which is the
 * sandbox's (pid 1 ending ends it).
 */
final class NetnsMember {
    private static final Path OWN = Path.of("/proc/self/ns/net");

    private NetnsMember() {}

    /**
     * The pid of a process of {@code sandbox} in another network namespace than this server's
     * (the sandbox's pid 1, bubblewrap's init, when it can tell), once a process there runs
     * something else than {@code bwrap}; waits up to {@code timeoutNanos}. The sandbox's processes
     * are {@link SandboxLimits#processes} (its cgroup's members when it has one).
     *
     * @throws IOException when the sandbox ended first, or that did not happen in time
     */
    static long await(ProcessHandle sandbox, SandboxLimits limits, Path bwrap, long timeoutNanos) throws IOException {
        String own = Files.readSymbolicLink(OWN).toString();
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            List<Long> members = limits.processes(sandbox).stream().filter(pid -> in(pid, own)).toList();
            if (members.stream().anyMatch(pid -> executable(pid).filter(exe -> !exe.equals(bwrap)).isPresent())) {
                return members.stream().filter(pid -> executable(pid).filter(bwrap::equals).isPresent()).findFirst()
                        .orElse(members.getFirst());
            }
            if (!sandbox.isAlive()) {
                throw new IOException("the sandbox process ended before its network namespace was made");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the sandbox's network namespace was not ready within "
                        + timeoutNanos / 1_000_000 + " ms");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the sandbox's network namespace", e);
            }
        }
    }

    /** Whether process {@code pid} (still) exists in a network namespace other than {@code own}. */
    private static boolean in(long pid, String own) {
        return namespace(pid).filter(ns -> !ns.equals(own)).isPresent();
    }

    /** The network namespace of {@code pid} ({@code net:[inode]}), empty when the process is gone. */
    static Optional<String> namespace(long pid) {
        return link(Path.of("/proc", Long.toString(pid), "ns", "net")).map(Path::toString);
    }

    /** The executable {@code pid} runs, empty when the process is gone. */
    private static Optional<Path> executable(long pid) {
        return link(Path.of("/proc", Long.toString(pid), "exe"));
    }

    private static Optional<Path> link(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
