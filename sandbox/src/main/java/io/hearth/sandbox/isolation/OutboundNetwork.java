package io.hearth.sandbox.isolation;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Outbound network for namespaced sandboxes ({@link NetworkAccess#OUTBOUND}): user-mode
 * networking by slirp4netns, which the server starts on the host for each such sandbox
 * ({@link SlirpLink}) and attaches to the sandbox's network namespace as {@code tap0}:
 *
 * <pre>
 *   sandbox netns: lo (127.0.0.1, the relay) + tap0 10.0.2.100/24, mtu 65520, default via 10.0.2.2
 *        │ frames
 *   slirp4netns (host, the server's child) ── ordinary sockets of the host ──► any address the host reaches
 *        10.0.2.2  the host's loopback: refused (--disable-host-loopback)
 *        10.0.2.3  DNS: forwarded to the host's resolver; the sandbox's /etc/resolv.conf names it
 * </pre>
 *
 * <p>Connections leave from the host's own sockets, so a sandbox reaches what the host reaches:
 * the internet, the host's LAN, and the host's own non-loopback addresses (a service bound to
 * {@code 0.0.0.0} on the host is reachable; one bound to {@code 127.0.0.1} is not). No inbound
 * connection reaches the sandbox (nothing is forwarded to it). No IPv6.
 *
 * <p>The sandbox's DNS configuration: a file holding {@code nameserver 10.0.2.3}, written once
 * beside the Runtime API socket and bound read-only over the sandbox's {@code /etc/resolv.conf}
 * (at the path the host's link leads to when it is a symbolic link, as bubblewrap binds onto the
 * final path; under a hidden directory such as {@code /run} the path is made in the sandbox's
 * empty one).
 */
final class OutboundNetwork {
    static final Path SLIRP4NETNS = Path.of("/usr/bin/slirp4netns");
    static final String TAP = "tap0";
    static final int MTU = 65520;
    static final String DNS = "10.0.2.3";
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    /** Where the sandbox's DNS configuration comes from and where it is bound. */
    record ResolvBind(Path file, Path target) {}

    private final Path slirp;
    private final Path bwrap;
    private final Path resolvFile;
    private final Path resolvTarget;
    private final List<Path> hidden;

    /**
     * @param slirp      the slirp4netns binary
     * @param bwrap      the bubblewrap binary that makes the sandboxes
     * @param resolvFile where to write the sandboxes' {@code resolv.conf} (a directory only the server writes)
     * @param hidden     host directories the sandboxes do not see besides {@link SandboxPaths#HIDDEN}
     */
    OutboundNetwork(Path slirp, Path bwrap, Path resolvFile, List<Path> hidden) {
        this.slirp = slirp;
        this.bwrap = realPath(bwrap);
        this.resolvFile = resolvFile.toAbsolutePath().normalize();
        this.resolvTarget = finalPath(RESOLV_CONF);
        this.hidden = List.copyOf(hidden);
    }

    /** Why outbound network cannot be given on this host, or null when it can. */
    String unavailable() {
        if (!Files.isExecutable(slirp)) return slirp + " is not installed (Debian package slirp4netns)";
        if (SandboxPaths.coveringRoot(resolvTarget, hidden) == null && !Files.exists(resolvTarget)) {
            return "the host has no " + resolvTarget + " to bind the sandbox's DNS configuration over";
        }
        return null;
    }

    /** For the start-up banner. */
    String description() {
        String why = unavailable();
        return why == null ? "outbound network by slirp4netns" : "no outbound network (" + why + ")";
    }

    /**
     * What an outbound sandbox's command line binds: the DNS configuration, written now if it
     * is missing.
     *
     * @throws HearthException (ServiceException) when this host cannot give outbound network
     */
    synchronized ResolvBind prepare() {
        String why = unavailable();
        if (why != null) {
            throw new HearthException(ErrorCode.SERVICE, "Outbound network for the function's sandbox is not "
                    + "available on this node: " + why + ". Install it or tag the function hearth:network=none.");
        }
        if (!Files.isRegularFile(resolvFile)) {
            try {
                Files.createDirectories(resolvFile.getParent());
                Path tmp = Files.createTempFile(resolvFile.getParent(), "resolv-", ".tmp");
                Files.writeString(tmp, "# written by Hearth: the DNS forwarder of the sandbox's slirp4netns\n"
                        + "nameserver " + DNS + "\n");
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(tmp, resolvFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new HearthException(ErrorCode.SERVICE, "Cannot write the sandboxes' DNS configuration "
                        + resolvFile + ": " + e.getMessage(), Map.of(), e);
            }
        }
        return new ResolvBind(resolvFile, resolvTarget);
    }

    /** The outbound link of sandbox {@code sandboxId}, to attach once its process runs. */
    SandboxNetwork link(String sandboxId) {
        return new SlirpLink(List.of(slirp.toString(), "--configure", "--mtu=" + MTU, "--disable-host-loopback",
                "--enable-sandbox", "--enable-seccomp", "--exit-fd=0"), bwrap, sandboxId);
    }

    /** {@code path} as {@code /proc/PID/exe} shows it (symbolic links resolved), or as it is when missing. */
    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    /**
     * {@code path} with symbolic links followed on the host, also dangling ones (lexically), so
     * that a bind lands on the file the sandbox's programs open.
     */
    static Path finalPath(Path path) {
        Path p = path.toAbsolutePath().normalize();
        try {
            for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
                p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
            }
            Path parent = p.getParent();
            if (parent != null && Files.isDirectory(parent)) p = parent.toRealPath().resolve(p.getFileName());
        } catch (IOException e) {
            // keep what was resolved so far: the bind then fails with bubblewrap's own message
        }
        return p;
    }
}
