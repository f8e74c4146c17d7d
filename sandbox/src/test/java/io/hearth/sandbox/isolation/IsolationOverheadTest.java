package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.model.Invocation;
import io.hearth.model.Runtime;
import io.hearth.runtimeapi.RuntimeApiServer;
import io.hearth.runtimeapi.RuntimeReply;
import io.hearth.runtimeapi.RuntimeSession;
import io.hearth.sandbox.runtimes.RuntimeLaunchers;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What isolation costs a Python function, measured on the real path (driver, process, Runtime
 * API): start to first {@code /next} (10 starts each, median) and a warm invoke's round trip
 * (p50 of 400) without isolation, isolated with the bootstrap on the Unix socket, and isolated
 * through the in-sandbox TCP relay (what a runtime that only knows AWS_LAMBDA_RUNTIME_API uses).
 * The bounds only catch gross regressions on a busy 2-core machine; the figures are printed.
 */
class IsolationOverheadTest {
    private static final int STARTS = 10;
    private static final int WARMUP = 50;
    private static final int INVOKES = 400;
    private static Path data;
    private static RuntimeApiServer api;
    private static Isolation namespaces;
    private static RuntimeLaunchers runtimes;
    private static Path code;

    enum Mode { NONE, SOCKET, RELAY }

    @BeforeAll
    static void start() throws Exception {
        IsolationFixture.assumeNamespaces();
        data = Files.createTempDirectory(Path.of("/opt"), "hearth-overhead-test-");
        api = RuntimeApiServer.start("127.0.0.1", 0, new MapKv(), data.resolve("runtime-api.sock"));
        namespaces = Isolation.namespaces(NamespaceSettings.defaults(data, api.unixSocket().orElseThrow()));
        runtimes = RuntimeLaunchers.install(data.resolve("runtimes"));
        code = Files.createDirectories(data.resolve("code-cache/app"));
        Files.writeString(code.resolve("app.py"), "def handler(event, context):\n    return event\n");
        Files.setPosixFilePermissions(code.resolve("app.py"), PosixFilePermissions.fromString("r--r--r--"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) api.close();
        if (namespaces != null) namespaces.close();
        if (data != null) {
            try (var tree = Files.walk(data)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    private record Running(Process process, RuntimeSession session, SandboxLimits limits, long startedNanos)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().get(5, TimeUnit.SECONDS);
            limits.release();
            session.close("measured");
        }
    }

    private static Running launch(Mode mode, int n) throws Exception {
        var session = api.open("fn");
        var env = new HashMap<>(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "AWS_LAMBDA_RUNTIME_API", session.apiAddress(),
                "_HANDLER", "app.handler", "LAMBDA_TASK_ROOT", code.toString(), "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
        var request = new ProcessRequest("sb-overhead-" + mode + "-" + n, runtimes.commandFor(Runtime.PYTHON_3_12, code, 128),
                code, data.resolve("runtimes"), env, 128, mode != Mode.RELAY);
        var isolation = mode == Mode.NONE ? Isolation.none() : namespaces;
        var plan = isolation.plan(request);
        var planned = new HashMap<>(plan.environment());
        if (mode == Mode.RELAY) planned.replaceAll((k, v) -> v.startsWith("HEARTH_RUNTIME_SOCKET=") ? "HEARTH_RUNTIME_SOCKET=" : v);
        var builder = new ProcessBuilder(plan.command()).directory(plan.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(planned);
        long started = System.nanoTime();
        return new Running(isolation.start(builder), session, plan.limits(), started);
    }

    private static RuntimeReply invoke(RuntimeSession session, String payload) throws Exception {
        var version = IsolatedLaunchTest.version(Runtime.PYTHON_3_12, "app.handler", 128);
        var inv = new Invocation("r-" + System.nanoTime(), version, "arn:aws:lambda:us-east-1:000000000000:function:fn",
                payload.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() + 10_000, null, null, null);
        return session.deliver(inv).get(10, TimeUnit.SECONDS);
    }

    private static long medianStartMicros(Mode mode) throws Exception {
        long[] micros = new long[STARTS];
        for (int i = 0; i < STARTS; i++) {
            try (var r = launch(mode, i)) {
                r.session().firstPoll().get(10, TimeUnit.SECONDS);
                micros[i] = (System.nanoTime() - r.startedNanos()) / 1_000;
            }
        }
        Arrays.sort(micros);
        return micros[STARTS / 2];
    }

    private static long[] warmMicros(Mode mode) throws Exception {
        try (var r = launch(mode, 99)) {
            long[] micros = new long[INVOKES];
            for (int i = 0; i < WARMUP + INVOKES; i++) {
                long t = System.nanoTime();
                var reply = invoke(r.session(), "{\"i\": " + i + "}");
                if (i >= WARMUP) micros[i - WARMUP] = (System.nanoTime() - t) / 1_000;
                assertThat(reply).isInstanceOf(RuntimeReply.Response.class);
            }
            Arrays.sort(micros);
            return new long[] {micros[INVOKES / 2], micros[INVOKES * 9 / 10]};
        }
    }

    /** Each process of an idle isolated sandbox (the host-side bwrap, its init, the relay, the runtime) with its RSS. */
    private static String processes() throws Exception {
        try (var r = launch(Mode.SOCKET, 98)) {
            assertThat(invoke(r.session(), "{}")).isInstanceOf(RuntimeReply.Response.class);
            var all = new java.util.ArrayList<ProcessHandle>();
            all.add(r.process().toHandle());
            r.process().descendants().forEach(all::add);
            var out = new StringBuilder();
            long total = 0;
            for (ProcessHandle h : all) {
                long kb = rssKb(h.pid());
                total += kb;
                String name = h.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
                out.append(name).append(' ').append(kb).append(" KB, ");
            }
            return out.append("total ").append(total).append(" KB").toString();
        }
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return 0;
    }

    @Test
    void pythonStartAndWarmInvokeWithAndWithoutIsolation() throws Exception {
        assumeTrue(runtimes.python().isPresent(), "python3 is not installed");
        var report = new StringBuilder("isolation overhead, python " + runtimes.python().get() + ":\n");
        for (Mode mode : Mode.values()) {
            if (mode == Mode.RELAY) continue;   // the start path is the same as SOCKET's
            long start = medianStartMicros(mode);
            report.append(String.format("  %-6s start to first /next, median of %d: %6.1f ms%n", mode, STARTS, start / 1000.0));
            assertThat(start).isLessThan(1_000_000);
        }
        report.append("  processes of an idle isolated python sandbox (RSS): ").append(processes()).append('\n');
        for (Mode mode : Mode.values()) warmMicros(mode);   // a first round warms the JIT for every path
        for (Mode mode : Mode.values()) {
            long[] warm = warmMicros(mode);
            report.append(String.format("  %-6s warm invoke round trip: p50 %d us, p90 %d us%n", mode, warm[0], warm[1]));
            assertThat(warm[0]).isLessThan(5_000);
        }
        System.out.print(report);
    }
}
