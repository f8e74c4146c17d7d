package io.hearth.sandbox.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.model.Runtime;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the bootstraps' speed with bounds loose enough for a busy 2-core machine yet tight
 * enough to catch a real regression (a Nagle/delayed-ACK stall alone costs 40 ms per invoke; a
 * heavy import at start costs tens of ms). The precise figures are measured outside the test
 * suite and recorded in the runtimes' report.
 */
class BootstrapOverheadTest {
    private static final int WARMUP = 50;
    private static final int INVOKES = 300;
    @TempDir static Path installDir;
    @TempDir Path root;
    private static RuntimeLaunchers launchers;

    @BeforeAll
    static void install() {
        launchers = RuntimeLaunchers.install(installDir);
    }

    @Test
    void python() throws Exception {
        assumeTrue(launchers.python().isPresent(), "python3 is not on PATH");
        measure(Runtime.PYTHON_3_12, "app.py", "def handler(event, context):\n    return event\n", "app.handler");
    }

    @Test
    void node() throws Exception {
        assumeTrue(launchers.node().isPresent(), "node is not on PATH");
        measure(Runtime.NODEJS_20, "index.js", "exports.handler = async (event) => event;\n", "index.handler");
    }

    private void measure(Runtime runtime, String file, String source, String handler) throws Exception {
        try (var rt = new BootstrapHarness(launchers, runtime, root)) {
            rt.file(file, source);
            long started = System.nanoTime();
            rt.start(handler);
            assertThat(rt.invoke("{\"warm\": false}").body()).contains("false");
            long coldMs = (System.nanoTime() - started) / 1_000_000;
            long[] micros = new long[INVOKES];
            for (int i = 0; i < WARMUP + INVOKES; i++) {
                long t = System.nanoTime();
                var post = rt.invoke("{\"i\": " + i + "}");
                if (i >= WARMUP) micros[i - WARMUP] = (System.nanoTime() - t) / 1_000;
                assertThat(post.kind()).isEqualTo("response");
            }
            Arrays.sort(micros);
            long p50 = micros[INVOKES / 2];
            System.out.printf("%s: cold start to first response %d ms; warm invoke through the fake API p50 %d us,"
                    + " p90 %d us%n", runtime.id(), coldMs, p50, micros[INVOKES * 9 / 10]);
            assertThat(coldMs).as("cold start to first response, ms").isLessThan(2_000);
            assertThat(p50).as("warm invoke round trip p50, us").isLessThan(2_000);
        }
    }
}
