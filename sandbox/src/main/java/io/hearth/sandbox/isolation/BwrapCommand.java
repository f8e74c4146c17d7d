package io.hearth.sandbox.isolation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one namespaced sandbox, outermost first:
 *
 * <pre>
 *   /bin/sh -c HOST hearth-host SECCOMP-FILE …/cgroup.procs per controller (v2: one) --            host, root
 *   bwrap  --seccomp 3  --ro-bind / /  --proc /proc  --dev /dev  --size N --tmpfs /tmp  --tmpfs /var …  host, root
 *          [outbound: --ro-bind RESOLV /etc/resolv.conf]
 *          --ro-bind CODE /var/task  --ro-bind RUNTIME /var/runtime  --ro-bind SOCKET /run/hearth/runtime.sock
 *          --unshare-pid --unshare-ipc --unshare-uts --unshare-net --unshare-cgroup-try
 *          --die-with-parent --new-session --chdir /var/task --
 *   setpriv --reuid=U --regid=G --clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all --   in the sandbox
 *   /bin/sh -c START hearth-sandbox RUNTIME-COMMAND…                                            in the sandbox, uid U
 *   [not socket-aware: START runs socat TCP-LISTEN:9001 … UNIX-CONNECT:/run/hearth/runtime.sock in the background]
 * </pre>
 *
 * Bubblewrap runs as root without a user namespace: a user namespace created by root maps the
 * sandbox to host root, the owner of every system file. Instead the mounts and namespaces are made
 * by root and {@code setpriv} then drops to an unprivileged host uid with no capabilities (none
 * permitted, none inheritable, an empty bounding set) and no_new_privs, so setuid binaries
 * cannot raise it again. Mount order matters: hidden directories are covered by empty tmpfs
 * first, then the few directories the sandbox needs are bound on top (sources always come from
 * the host's own tree). Directories bubblewrap creates for a mount point are made {@code 0755}
 * explicitly, as its default is {@code 0700}, which the unprivileged uid could not traverse.
 */
final class BwrapCommand {
    static final List<String> NAMESPACES = List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net",
            "--unshare-cgroup-try");

    private BwrapCommand() {}

    /** The command line of a sandbox without outbound network. */
    static List<String> build(NamespaceSettings s, ProcessRequest r, List<String> runtimeCommand, SandboxCgroup cgroup,
                              Path seccomp) {
        return build(s, r, runtimeCommand, cgroup, seccomp, null);
    }

    /**
     * The command line; {@code resolv}: for an {@link NetworkAccess#OUTBOUND} request, the DNS
     * configuration to bind over the sandbox's {@code resolv.conf} (its start script then waits
     * for the network, which the host attaches once the sandbox runs).
     */
    static List<String> build(NamespaceSettings s, ProcessRequest r, List<String> runtimeCommand, SandboxCgroup cgroup,
                              Path seccomp, OutboundNetwork.ResolvBind resolv) {
        boolean outbound = r.network() == NetworkAccess.OUTBOUND;
        if (outbound && resolv == null) throw new IllegalArgumentException("an outbound sandbox needs its resolv.conf");
        var argv = new ArrayList<String>(96);
        if (cgroup != null || seccomp != null) {
            argv.addAll(List.of("/bin/sh", "-c", Preludes.HOST, "hearth-host", seccomp == null ? "/dev/null" : seccomp.toString()));
            if (cgroup != null) cgroup.procsFiles().forEach(f -> argv.add(f.toString()));
            argv.add("--");
        }
        argv.add(s.bwrap().toString());
        if (seccomp != null) argv.addAll(List.of("--seccomp", "3"));
        argv.addAll(List.of("--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev"));
        argv.addAll(List.of("--perms", "1777", "--size", Long.toString(s.tmpBytes()), "--tmpfs", "/tmp"));
        for (Path h : SandboxPaths.HIDDEN) argv.addAll(List.of("--tmpfs", h.toString()));
        for (Path h : s.hidden()) {
            if (SandboxPaths.coveringRoot(h, List.of()) == null) argv.addAll(List.of("--tmpfs", h.toString()));
        }
        argv.addAll(List.of("--tmpfs", SandboxPaths.CGROUPS));
        if (cgroup != null) {
            // v1: one directory per controller at /sys/fs/cgroup/<controller>; v2: one directory at "" = /sys/fs/cgroup
            cgroup.directories().forEach((under, dir) ->
                    bind(argv, dir, Path.of(SandboxPaths.CGROUPS, under), Path.of(SandboxPaths.CGROUPS)));
        }
        if (outbound) {
            bind(argv, resolv.file(), resolv.target(), SandboxPaths.coveringRoot(resolv.target(), s.hidden()));
        }
        for (Path prefix : SandboxPaths.interpreterBinds(r.command(), r.codeDir(), r.runtimeDir(), s.hidden())) {
            bind(argv, prefix, prefix, SandboxPaths.coveringRoot(prefix, s.hidden()));
        }
        argv.addAll(List.of("--ro-bind", r.codeDir().toString(), SandboxPaths.TASK));
        argv.addAll(List.of("--ro-bind", r.runtimeDir().toString(), SandboxPaths.RUNTIME));
        argv.addAll(List.of("--perms", "0755", "--dir", SandboxPaths.SOCKET_DIR));
        argv.addAll(List.of("--ro-bind", s.runtimeSocket().toString(), SandboxPaths.SOCKET));
        argv.addAll(NAMESPACES);
        argv.addAll(List.of("--hostname", "localhost", "--die-with-parent", "--new-session",
                "--chdir", SandboxPaths.TASK, "--"));
        argv.addAll(List.of(s.setpriv().toString(), "--reuid=" + s.uid(), "--regid=" + s.gid(), "--clear-groups",
                "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"));
        argv.addAll(List.of("/bin/sh", "-c", Preludes.start(r.socketAware() ? null : s.socat().toString(), outbound),
                "hearth-sandbox"));
        argv.addAll(runtimeCommand);
        return argv;
    }

    /** A read-only bind of {@code source} at {@code dest}, its missing parents below {@code root} made 0755. */
    private static void bind(List<String> argv, Path source, Path dest, Path root) {
        var parents = new ArrayList<Path>();
        for (Path p = dest.getParent(); p != null && root != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            parents.addFirst(p);
        }
        for (Path p : parents) argv.addAll(List.of("--perms", "0755", "--dir", p.toString()));
        argv.addAll(List.of("--ro-bind", source.toString(), dest.toString()));
    }
}
