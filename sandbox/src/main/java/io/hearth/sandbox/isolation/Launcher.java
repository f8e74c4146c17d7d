package io.hearth.sandbox.isolation;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts sandbox processes through a small long-lived python process ({@code launcher.py}, see
 * there) instead of {@link ProcessBuilder#start()}. The JDK starts every child through its spawn
 * helper, which lists and closes each of the server's open files first: about 4 µs apiece, and
 * a node holds two per live sandbox (its output pipe's reaper end and its Runtime API
 * connection), so on a node of 1,000 sandboxes each start cost 8 ms more than on an empty one.
 * The launcher holds five files, so a start costs the same on any node (and skips one exec).
 *
 * <p>One request at a time (the caller's thread writes it and waits for the answer); one reader
 * thread completes the answers and the exits. If the launcher dies, its processes die with it
 * (a bubblewrap sandbox has {@code --die-with-parent}; the launcher started it), every
 * {@link LaunchedProcess} it had ends with status 137, and the next start starts a new one.
 * {@link #forBuilder} says which builders it takes (input from a file, output appended to a file,
 * errors merged): the others keep {@link ProcessBuilder#start()}.
 */
final class Launcher implements AutoCloseable {
    static final int KILLED = 128 + 9;
    private static final String SCRIPT = "launcher.py";

    private final Path python;
    private final String script;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<Long>> starting = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Integer>> running = new ConcurrentHashMap<>();
    private Process helper;
    private OutputStream requests;

    private Launcher(Path python, String script) {
        this.python = python;
        this.script = script;
    }

    /** A launcher run by the first usable python3 (3.9 or later) of {@code candidates}, if any. */
    static Optional<Launcher> find(List<Path> candidates) {
        String script;
        try (InputStream in = Launcher.class.getResourceAsStream(SCRIPT)) {
            if (in == null) return Optional.empty();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p) && versionOk(p)) return Optional.of(new Launcher(p, script));
        }
        return Optional.empty();
    }

    /** /usr/bin/python3, then python3 on PATH. */
    static List<Path> defaultCandidates() {
        var out = new java.util.ArrayList<Path>();
        out.add(Path.of("/usr/bin/python3"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) out.add(Path.of(dir, "python3"));
        }
        return out;
    }

    private static boolean versionOk(Path python) {
        try {
            Process p = new ProcessBuilder(python.toString(), "-I", "-S", "-c",
                    "import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether this launcher can start what {@code builder} describes. */
    static boolean forBuilder(ProcessBuilder builder) {
        return builder.redirectErrorStream()
                && builder.redirectInput().type() == ProcessBuilder.Redirect.Type.READ
                && builder.redirectInput().file().getPath().equals("/dev/null")
                && builder.redirectOutput().type() == ProcessBuilder.Redirect.Type.APPEND
                && !builder.command().isEmpty() && builder.command().getFirst().startsWith("/");
    }

    Path python() {
        return python;
    }

    /** The launcher process's pid while it runs. */
    synchronized Optional<Long> pid() {
        return helper != null && helper.isAlive() ? Optional.of(helper.pid()) : Optional.empty();
    }

    /**
     * Starts the process {@code builder} describes ({@link #forBuilder}).
     *
     * @throws IOException when it cannot be started (the message as {@link ProcessBuilder#start()}
     *                     words it) or the launcher cannot be reached
     */
    synchronized Process start(ProcessBuilder builder) throws IOException {
        ensureRunning();
        String id = Long.toString(ids.incrementAndGet());
        var pid = new CompletableFuture<Long>();
        var exit = new CompletableFuture<Integer>();
        starting.put(id, pid);
        running.put(id, exit);
        var request = new ByteArrayOutputStream(4096);
        field(request, "spawn");
        field(request, id);
        field(request, builder.directory() == null ? "." : builder.directory().getPath());
        field(request, builder.redirectOutput().file().getPath());
        field(request, Integer.toString(builder.command().size()));
        for (String arg : builder.command()) field(request, arg);
        var env = builder.environment();
        field(request, Integer.toString(env.size()));
        for (var e : env.entrySet()) field(request, e.getKey() + "=" + e.getValue());
        long started;
        try {
            requests.write(request.toByteArray());
            requests.flush();
            started = pid.join();
        } catch (IOException | RuntimeException e) {
            running.remove(id);
            starting.remove(id);
            Throwable why = e.getCause() instanceof IOException io ? io : e;
            throw new IOException("Cannot run program \"" + builder.command().getFirst() + "\": " + why.getMessage(), why);
        }
        // the launcher reaps it only after the ack: until then the pid names this process, ended or not
        Optional<ProcessHandle> handle = ProcessHandle.of(started);
        send("ack", id);
        if (handle.isEmpty()) {
            throw new IOException("Cannot run program \"" + builder.command().getFirst() + "\": its process "
                    + started + " was gone before the launcher reaped it");
        }
        return new LaunchedProcess(this, id, started, handle.get(), exit);
    }

    /** Sends {@code signal} to the process {@code id} if the launcher has not reaped it yet. */
    synchronized void signal(String id, int signal) {
        if (helper == null || !running.containsKey(id)) return;
        send("kill", id, Integer.toString(signal));
    }

    private void send(String... fields) {
        var request = new ByteArrayOutputStream(32);
        for (String f : fields) field(request, f);
        try {
            requests.write(request.toByteArray());
            requests.flush();
        } catch (IOException e) {
            // the launcher is gone, and its processes with it; its reader ends them here
        }
    }

    private void ensureRunning() throws IOException {
        if (helper != null && helper.isAlive()) return;
        var pb = new ProcessBuilder(python.toString(), "-I", "-S", "-B", "-c", script)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        Process p = pb.start();
        helper = p;
        requests = p.getOutputStream();
        var reader = new Thread(() -> read(p), "sandbox-launcher-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Process p) {
        try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) answer(line);
        } catch (IOException | UncheckedIOException e) {
            // the launcher ended: below
        }
        // the futures first: a start waiting for its answer holds this launcher's monitor
        var gone = new IOException("the sandbox launcher ended");
        starting.values().forEach(f -> f.completeExceptionally(gone));
        starting.clear();
        running.values().forEach(f -> f.complete(KILLED));
        running.clear();
        synchronized (this) {
            if (helper == p) helper = null;
        }
    }

    private void answer(String line) {
        String[] parts = line.split(" ", 4);
        switch (parts[0]) {
            case "pid" -> {
                var f = starting.remove(parts[1]);
                if (f != null) f.complete(Long.parseLong(parts[2]));
            }
            case "error" -> {
                var f = starting.remove(parts[1]);
                running.remove(parts[1]);
                if (f != null) {
                    f.completeExceptionally(new IOException("error=" + parts[2] + ", " + (parts.length > 3 ? parts[3] : "")));
                }
            }
            case "exit" -> {
                var f = running.remove(parts[1]);
                if (f != null) f.complete(Integer.parseInt(parts[2]));
            }
            default -> System.err.println("hearth: unexpected line from the sandbox launcher: " + line);
        }
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(bytes);
    }

    @Override
    public synchronized void close() {
        if (helper == null) return;
        try {
            requests.close();
        } catch (IOException ignored) {
            // it ends at EOF either way
        }
        helper = null;
    }
}
