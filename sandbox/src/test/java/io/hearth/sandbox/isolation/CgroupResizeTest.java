package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Late binding: a running sandbox takes its function's memory size, on this host's real cgroup v1
 * (memory+swap accounting included where the kernel has it). The sandbox runs a small Python loop
 * that allocates, frees and prints its limits as seen inside, on command.
 */
class CgroupResizeTest {
    private static final String LOOP = """
            import sys
            held = []
            def limit(name):
                try:
                    return open('/sys/fs/cgroup/' + name).read().strip()
                except OSError:
                    return '-'
            for line in sys.stdin:
                cmd, *arg = line.split()
                if cmd == 'alloc':
                    held.append(b'x' * (int(arg[0]) << 20))
                    print('allocated', arg[0], flush=True)
                elif cmd == 'free':
                    held.clear()
                    print('freed', flush=True)
                else:
                    print(limit('memory/memory.limit_in_bytes'), limit('memory/memory.memsw.limit_in_bytes'),
                          limit('cpu/cpu.shares'), flush=True)
            """;
    private static final AtomicInteger SANDBOXES = new AtomicInteger();
    private static IsolationFixture host;

    @BeforeAll
    static void start() throws Exception {
        host = new IsolationFixture();
        var isolation = (NamespaceIsolation) host.isolation;
        assumeTrue(isolation.limited() && isolation.description().contains("cgroup v1"),
                "this host has no usable cgroup v1 controllers: " + isolation.description());
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) host.close();
    }

    /** One sandbox running {@link #LOOP}, answering one line per command. */
    private static final class Running implements AutoCloseable {
        final Process process;
        final SandboxLimits limits;
        private final Writer in;
        private final BufferedReader out;

        Running(int memoryMb) throws Exception {
            String id = "sb-resize-" + ProcessHandle.current().pid() + "-" + SANDBOXES.incrementAndGet();
            var env = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1/s/token");
            var plan = host.isolation.plan(new ProcessRequest(id, List.of("python3", "-c", LOOP), host.code,
                    host.runtimeDir, env, memoryMb, false));
            var builder = new ProcessBuilder(plan.command()).directory(plan.directory().toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(plan.environment());
            limits = plan.limits();
            process = host.isolation.start(builder);
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Sends a command and returns the sandbox's answer (null when it died). */
        String ask(String command) throws Exception {
            in.write(command + "\n");
            in.flush();
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
        }

        /** The limits as seen inside: memory, memory+swap (or "-"), cpu shares. */
        String limitsInside() throws Exception {
            return ask("limits");
        }

        @Override
        public void close() throws Exception {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
            limits.release();
        }
    }

    private static String limits(int memoryMb, String memsw) {
        String bytes = Long.toString((long) memoryMb << 20);
        return bytes + " " + (memsw.equals("-") ? "-" : bytes) + " " + memoryMb;
    }

    @Test
    void aRaiseTakesEffectInsideAndLetsTheSandboxUseTheNewSize() throws Exception {
        try (var sandbox = new Running(128)) {
            String memsw = sandbox.limitsInside().split(" ")[1];
            assertThat(sandbox.limitsInside()).isEqualTo(limits(128, memsw));

            sandbox.limits.resize(512);   // memory+swap first, or the kernel refuses a memory limit above it
            assertThat(sandbox.limitsInside()).isEqualTo(limits(512, memsw));
            assertThat(sandbox.ask("alloc 300")).isEqualTo("allocated 300");
            assertThat(sandbox.limits.outOfMemory()).isFalse();
            assertThat(sandbox.limits.peakMemoryBytes().getAsLong()).isGreaterThan(300L << 20);
        }
    }

    @Test
    void aCutBelowWhatTheSandboxUsesIsRefusedAndLeavesTheLimitsAsTheyWere() throws Exception {
        try (var sandbox = new Running(512)) {
            String memsw = sandbox.limitsInside().split(" ")[1];
            assertThat(sandbox.ask("alloc 300")).isEqualTo("allocated 300");

            assertThatThrownBy(() -> sandbox.limits.resize(128)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot resize sandbox sb-resize-").hasMessageContaining("to 128 MB")
                    .hasMessageContaining("the kernel refused").hasMessageContaining("limits are unchanged");
            assertThat(sandbox.process.isAlive()).isTrue();
            assertThat(sandbox.limitsInside()).isEqualTo(limits(512, memsw));

            assertThat(sandbox.ask("free")).isEqualTo("freed");
            sandbox.limits.resize(128);   // memory first, or the kernel refuses memory+swap below it
            assertThat(sandbox.limitsInside()).isEqualTo(limits(128, memsw));
        }
    }

    @Test
    void aCutIsEnforced() throws Exception {
        try (var sandbox = new Running(512)) {
            sandbox.limits.resize(128);
            assertThat(sandbox.ask("alloc 300")).isNull();   // killed by the kernel
            assertThat(sandbox.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sandbox.limits.outOfMemory()).isTrue();
        }
    }

    @Test
    void anExitedSandboxCannotBeResized() throws Exception {
        var run = host.run("true", 128);
        assertThatThrownBy(() -> run.limits().resize(256)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has exited");
        assertThatThrownBy(() -> run.limits().resize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutLimitsResizeDoesNothing() {
        SandboxLimits.NONE.resize(512);
        assertThat(SandboxLimits.NONE.peakMemoryBytes()).isEmpty();
        assertThat(SandboxLimits.NONE.outOfMemory()).isFalse();
    }
}
