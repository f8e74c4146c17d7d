package io.hearth.sandbox.isolation;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A Hearth-like host layout for sandbox tests, outside every directory a sandbox hides anyway
 * (so that hiding the data directory is the setting's doing): {@code /opt/hearth-isolation-test-N/}
 * holding {@code code-cache/A} (this sandbox's code), {@code code-cache/B} (another function's),
 * {@code runtimes/} and a secret file, plus a Unix socket standing in for the Runtime API. Runs
 * shell scripts in real namespaced sandboxes and collects what they print.
 */
final class IsolationFixture implements AutoCloseable {
    static final String SECRET = "hearth-secret-" + System.nanoTime();
    private static final AtomicInteger SANDBOXES = new AtomicInteger();

    final Path data;
    final Path code;
    final Path otherCode;
    final Path runtimeDir;
    final Path socket;
    final NamespaceSettings settings;
    final Isolation isolation;
    private final ServerSocketChannel listener;

    record Run(int exit, String output, SandboxLimits limits) {}

    /** Skips the calling test when this host cannot run namespaced sandboxes, except in CI, where it fails. */
    static void assumeNamespaces() {
        var probe = BwrapProbe.probe(NamespaceSettings.defaults(Path.of("/nonexistent"), Path.of("/nonexistent")));
        if (probe.works()) return;
        if ("true".equals(System.getenv("CI"))) fail("namespace isolation must work in CI: " + probe.detail());
        Assumptions.abort("namespace isolation is not available here: " + probe.detail());
    }

    IsolationFixture() throws IOException {
        this(settings -> settings);
    }

    IsolationFixture(java.util.function.UnaryOperator<NamespaceSettings> tune) throws IOException {
        assumeNamespaces();
        data = Files.createTempDirectory(Path.of("/opt"), "hearth-isolation-test-");
        code = Files.createDirectories(data.resolve("code-cache/A"));
        otherCode = Files.createDirectories(data.resolve("code-cache/B"));
        runtimeDir = Files.createDirectories(data.resolve("runtimes"));
        Files.writeString(data.resolve("secret.txt"), SECRET);
        Files.writeString(otherCode.resolve("other.py"), "OTHER = '" + SECRET + "'\n");
        Files.writeString(code.resolve("mine.txt"), "mine\n");
        readOnly(code);
        readOnly(otherCode);
        socket = data.resolve("runtime-api.sock");
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        settings = tune.apply(NamespaceSettings.defaults(data, socket));
        isolation = Isolation.namespaces(settings);
    }

    /** Runs {@code script} with {@code /bin/sh} in a fresh sandbox of a {@code memoryMb} function; waits for it. */
    Run run(String script, int memoryMb) throws Exception {
        return run(List.of("/bin/sh", "-c", script), memoryMb, Map.of());
    }

    Run run(List<String> command, int memoryMb, Map<String, String> env) throws Exception {
        var environment = new java.util.HashMap<>(env);
        environment.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.putIfAbsent("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1/s/token");
        String id = "sb-test-" + ProcessHandle.current().pid() + "-" + SANDBOXES.incrementAndGet();
        var plan = isolation.plan(new ProcessRequest(id, command, code, runtimeDir, environment, memoryMb, false));
        Path out = Files.createTempFile("sandbox-", ".out");
        try {
            var builder = new ProcessBuilder(plan.command()).directory(plan.directory().toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(plan.environment());
            Process p = isolation.start(builder);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("sandbox did not finish: " + Files.readString(out));
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            int exit = p.exitValue();
            p.onExit().get();
            plan.limits().release();
            return new Run(exit, output, plan.limits());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void readOnly(Path dir) throws IOException {
        try (var tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x"
                        : "r--r--r--"));
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        isolation.close();
        try (var tree = Files.walk(data)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                Files.delete(p);
            }
        }
    }
}
