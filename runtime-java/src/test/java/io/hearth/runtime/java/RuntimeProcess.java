package io.hearth.runtime.java;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The runtime as a real child process, started the way Hearth starts it:
 * {@code java [flags] -cp <runtime classes> io.hearth.runtime.java.Main} with the JDK running the
 * tests, a clean environment (PATH plus what the test gives) and stdout/stderr captured to files.
 */
final class RuntimeProcess implements AutoCloseable {
    /** The start-up flags Hearth is advised to use (see the module README). */
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "--add-opens=java.base/java.util=ALL-UNNAMED");

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private RuntimeProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static RuntimeProcess start(Path logDir, Map<String, String> env) throws IOException {
        return start(logDir, env, FLAGS);
    }

    static RuntimeProcess start(Path logDir, Map<String, String> env, List<String> flags) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(flags);
        command.add("-cp");
        command.add(runtimeClasses().toString());
        command.add(Main.class.getName());
        Files.createDirectories(logDir);
        Path out = Files.createTempFile(logDir, "stdout", ".log");
        Path err = Files.createTempFile(logDir, "stderr", ".log");
        var pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        return new RuntimeProcess(pb.start(), out, err);
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElseGet(
                () -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The runtime's compiled classes (target/classes), beside which the fallback core jar sits. */
    static Path runtimeClasses() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the process to exit; returns its status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the runtime did not exit within " + timeout + "; stderr: " + stderr());
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
