package io.hearth.sandbox.runtimes;

import io.hearth.model.Runtime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real runtime process started the way the server starts one: the command from
 * {@link RuntimeLaunchers#commandFor}, a clean Lambda environment, the code directory as working
 * directory, stdout and stderr on one pipe. Output is read on demand (never by a background
 * thread) so that a test can see exactly what had been written when a POST arrived.
 */
final class RuntimeProcess implements AutoCloseable {
    private final Process process;
    private final InputStream out;
    private final StringBuilder output = new StringBuilder();

    private RuntimeProcess(Process process) {
        this.process = process;
        this.out = process.getInputStream();
    }

    static RuntimeProcess start(RuntimeLaunchers launchers, Runtime runtime, Path codeDir, String handler,
            FakeRuntimeApi api, Map<String, String> extraEnv) throws IOException {
        var started = start(launchers, runtime, codeDir, handler, api.address(), extraEnv);
        api.outputProbe = started::output;
        return started;
    }

    /** Starts the runtime against the Runtime API at {@code address} (host:port/prefix). */
    static RuntimeProcess start(RuntimeLaunchers launchers, Runtime runtime, Path codeDir, String handler,
            String address, Map<String, String> extraEnv) throws IOException {
        var builder = new ProcessBuilder(launchers.commandFor(runtime, codeDir, 128))
                .directory(codeDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(lambdaEnvironment(runtime, codeDir, handler, address));
        env.putAll(extraEnv);
        return new RuntimeProcess(builder.start());
    }

    static Map<String, String> lambdaEnvironment(Runtime runtime, Path codeDir, String handler, String address) {
        var env = new HashMap<String, String>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", address);
        env.put("_HANDLER", handler);
        env.put("LAMBDA_TASK_ROOT", codeDir.toString());
        env.put("LAMBDA_RUNTIME_DIR", codeDir.getParent().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "fn");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/fn");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/22/[$LATEST]0123456789abcdef");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + runtime.id());
        return env;
    }

    /** Everything the process has written so far (reads what is in the pipe now, without blocking). */
    synchronized String output() {
        try {
            int n;
            while ((n = out.available()) > 0) {
                output.append(new String(out.readNBytes(n), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the pipe is closed once the process is gone and drained
        }
        return output.toString();
    }

    /** Waits for the process to end, draining its output meanwhile; fails after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            output();
            if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                drainRest();
                return process.exitValue();
            }
        }
        throw new AssertionError("the runtime did not exit within " + timeout + "; output:\n" + output());
    }

    boolean isAlive() { return process.isAlive(); }

    private synchronized void drainRest() {
        try {
            output.append(new String(out.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
