package io.hearth.sandbox.isolation;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.sandbox.code.TreeLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Namespaced sandboxes: {@link BwrapCommand} builds each command line, {@link Cgroups} (when the
 * host has them) gives each sandbox its limits, {@link Spawner} starts it. Inside, the runtime
 * sees Lambda's layout ({@code LAMBDA_TASK_ROOT=/var/task}, {@code LAMBDA_RUNTIME_DIR=/var/runtime})
 * and {@code AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001/s/TOKEN}, a port on its own loopback relayed to
 * the Runtime API's socket; Hearth's bootstraps go straight to the socket named by
 * {@code HEARTH_RUNTIME_SOCKET} and serve that port themselves ({@code HEARTH_RUNTIME_RELAY}, set
 * for a {@link ProcessRequest#socketAware} runtime); other runtimes get {@code socat} for it.
 *
 * <p>The runtime directory (Hearth's bootstraps, written by the server as root) is made readable
 * by everyone once, at its first use: it holds nothing secret, and the sandbox uid must read it.
 *
 * <p>A sandbox's network namespace is empty but for its loopback; one whose request asks for
 * {@link NetworkAccess#OUTBOUND} also gets {@link OutboundNetwork}'s link, attached by the launcher
 * once the process runs ({@link LaunchPlan#network()}), and refuses to start when this host cannot
 * give it (rather than run without).
 */
final class NamespaceIsolation implements Isolation {
    private final NamespaceSettings settings;
    private final Cgroups cgroups;
    private final Path seccomp;
    private final OutboundNetwork outbound;
    private final Optional<Launcher> launcher;
    private final String description;
    private final Set<Path> preparedRuntimeDirs = ConcurrentHashMap.newKeySet();

    private NamespaceIsolation(NamespaceSettings settings, Cgroups cgroups, Path seccomp, OutboundNetwork outbound,
                               Optional<Launcher> launcher, String description) {
        this.settings = settings;
        this.cgroups = cgroups;
        this.seccomp = seccomp;
        this.outbound = outbound;
        this.launcher = launcher;
        this.description = description;
    }

    /**
     * Namespaces with what this host offers besides: cgroup limits when usable, the seccomp
     * filter on x86-64 (written once to a root-only temporary file that bubblewrap reads).
     *
     * @throws HearthException (ServiceException) when the filter file cannot be written
     */
    static NamespaceIsolation create(NamespaceSettings settings, String bwrapVersion) {
        return create(settings, bwrapVersion, new OutboundNetwork(OutboundNetwork.SLIRP4NETNS, settings.bwrap(),
                settings.runtimeSocket().toAbsolutePath().normalize().resolveSibling("sandbox-resolv.conf"),
                settings.hidden()));
    }

    /** {@link #create(NamespaceSettings, String)} with {@code outbound} giving outbound network. */
    static NamespaceIsolation create(NamespaceSettings settings, String bwrapVersion, OutboundNetwork outbound) {
        var why = new StringBuilder();
        Cgroups cgroups = null;
        if (settings.cgroups()) {
            cgroups = Cgroups.detect(settings.runtimeSocket().toAbsolutePath().toString(), why).orElse(null);
        } else {
            why.append("cgroups disabled");
        }
        Path seccomp = SeccompFilter.supported() ? writeFilter() : null;
        String limits = cgroups != null ? "cgroup v" + cgroups.version() + " " + String.join(", ", cgroups.bases().keySet())
                + " limits, pids " + settings.pidsLimit() : "no resource limits (" + why + ")";
        String filter = seccomp != null ? "seccomp filter of " + SeccompFilter.REFUSED.size() + " calls"
                : "no seccomp filter (" + System.getProperty("os.arch") + ")";
        Optional<Launcher> launcher = settings.launcher() ? Launcher.find(Launcher.defaultCandidates()) : Optional.empty();
        String starts = launcher.map(l -> "started by the launcher (" + l.python() + ")")
                .orElse(settings.launcher() ? "started by the JVM (no python3 3.9+ for the launcher)" : "started by the JVM");
        return new NamespaceIsolation(settings, cgroups, seccomp, outbound, launcher, "namespaces (" + bwrapVersion
                + ", uid " + settings.uid() + ", " + limits + ", " + filter + ", " + outbound.description() + ", "
                + starts + ")");
    }

    private static Path writeFilter() {
        try {
            Path file = Files.createTempFile("hearth-seccomp-", ".bpf");
            file.toFile().deleteOnExit();
            Files.write(file, SeccompFilter.program());
            return file;
        } catch (IOException e) {
            throw new HearthException(ErrorCode.SERVICE, "Cannot write the sandbox seccomp filter: " + e.getMessage(),
                    Map.of(), e);
        }
    }

    @Override
    public IsolationLevel level() {
        return IsolationLevel.NAMESPACES;
    }

    @Override
    public String description() {
        return description;
    }

    /** Whether sandboxes get cgroup limits here. */
    boolean limited() {
        return cgroups != null;
    }

    /** This server's cgroup directory per controller (empty without limits). */
    Map<String, Path> cgroupBases() {
        return cgroups == null ? Map.of() : cgroups.bases();
    }

    /**
     * {@inheritDoc}
     *
     * @throws HearthException (ServiceException) when the request asks for outbound network and
     *                         this host cannot give it
     */
    @Override
    public LaunchPlan plan(ProcessRequest request) throws IOException {
        Executables.check(request.command().getFirst());
        boolean outboundNetwork = request.network() == NetworkAccess.OUTBOUND;
        OutboundNetwork.ResolvBind resolv = outboundNetwork ? outbound.prepare() : null;
        prepareRuntimeDir(request.runtimeDir());
        var paths = new SandboxPaths(request.codeDir(), request.runtimeDir());
        var inner = request.command().stream().map(paths::inside).toList();
        var inside = environment(request.environment());
        if (request.socketAware()) inside.put("HEARTH_RUNTIME_RELAY", "127.0.0.1:" + SandboxPaths.RELAY_PORT);
        Map<String, String> carried = Preludes.carry(inside);
        SandboxCgroup cgroup = cgroups == null ? null
                : cgroups.create(request.sandboxId(), request.memoryMb(), settings.pidsLimit());
        try {
            var argv = BwrapCommand.build(settings, request, inner, cgroup, seccomp, resolv);
            return new LaunchPlan(argv, Path.of("/"), carried, cgroup == null ? SandboxLimits.NONE : cgroup,
                    outboundNetwork ? outbound.link(request.sandboxId()) : SandboxNetwork.NONE);
        } catch (RuntimeException e) {
            if (cgroup != null) cgroup.release();
            throw e;
        }
    }

    /** The function's environment as seen inside: Lambda's paths and the relay's address. */
    static HashMap<String, String> environment(Map<String, String> host) {
        var env = new HashMap<>(host);
        env.put("LAMBDA_TASK_ROOT", SandboxPaths.TASK);
        env.put("LAMBDA_RUNTIME_DIR", SandboxPaths.RUNTIME);
        String api = host.getOrDefault("AWS_LAMBDA_RUNTIME_API", "");
        int slash = api.indexOf('/');
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + SandboxPaths.RELAY_PORT + (slash < 0 ? "" : api.substring(slash)));
        env.put("HEARTH_RUNTIME_SOCKET", SandboxPaths.SOCKET);
        return env;
    }

    /** The slot is what the sandbox has at /var/task: the code's files are linked into it. */
    @Override
    public String placeCode(Path codeDir, Path slot) throws IOException {
        TreeLinks.mirror(codeDir, slot);
        return SandboxPaths.TASK;
    }

    @Override
    public Map<String, String> environmentInside(Map<String, String> environment) {
        return environment(environment);
    }

    @Override
    public Process start(ProcessBuilder builder) throws IOException {
        return Spawner.start(builder, launcher);
    }

    @Override
    public int cleanupLeftovers() {
        return cgroups == null ? 0 : cgroups.removeLeftovers();
    }

    @Override
    public void close() {
        launcher.ifPresent(Launcher::close);
        if (cgroups != null) {
            cgroups.removeLeftovers();   // any sandbox whose release is still retrying
            cgroups.removeBases();
        }
        if (seccomp != null) {
            try {
                Files.deleteIfExists(seccomp);
            } catch (IOException ignored) {
                // a stale temporary file; nothing depends on it
            }
        }
    }

    private void prepareRuntimeDir(Path dir) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        if (preparedRuntimeDirs.contains(key)) return;
        try (var tree = Files.walk(key)) {
            for (Path p : tree.toList()) {
                var perms = Files.getPosixFilePermissions(p);
                boolean directory = Files.isDirectory(p);
                var wanted = EnumSet.copyOf(perms);
                wanted.add(PosixFilePermission.OTHERS_READ);
                wanted.add(PosixFilePermission.GROUP_READ);
                if (directory || perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    wanted.add(PosixFilePermission.OTHERS_EXECUTE);
                    wanted.add(PosixFilePermission.GROUP_EXECUTE);
                }
                if (!wanted.equals(perms)) Files.setPosixFilePermissions(p, wanted);
            }
        }
        preparedRuntimeDirs.add(key);
    }

    @Override
    public String toString() {
        return description;
    }
}
