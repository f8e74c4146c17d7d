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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts sandbox processes through a small long-lived python process ({@code launcher.py}, see
 * there) instead of {@link ProcessBuilder#start()}. The JDK starts every child through its spawn
 * helper, which lists and closes each of the server's open files first: about 4 µs apiece, and
 * a node holds two per live sandbox (the JDK's exit-watch pipe of its process and its
 * Runtime API connection), so on a node of 1,000 sandboxes each start cost 8 ms more than on an empty one.
 * The launcher holds five files, so a start costs the same on any node (and skips one exec).
 *
 * <p>One request at a time (the caller's thread writes it and waits for the answer); one reader
 * thread completes the answers and the exits. If the launcher dies, its processes die with it
 * (a bubblewrap sandbox has {@code --die-with-parent}; the launcher started it), every
 * {@link LaunchedProcess} it had ends with status 137, and the next start starts a new one.
 * {@link #forBuilder} says which builders it takes (input from /dev/null, output appended to a
 * file, errors merged): the others keep {@link ProcessBuilder#start()}.
 */
final class Launcher implements AutoCloseable {
    static final int KILLED = 128 + 9;
    private static final long ANSWER_SECONDS = 30;
    private static final String SCRIPT = "launcher.py";

    private final Path python;
    private final String script;
    private long lastId;   // guarded by this
    private Connection current;

    /** One launcher process: its request pipe, the starts waiting for a pid, the processes not yet ended. */
    private static final class Connection {
        final Process process;
        final OutputStream requests;
        final Map<String, CompletableFuture<Long>> starting = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<Integer>> running = new ConcurrentHashMap<>();
        volatile boolean ended;

        Connection(Process process) {
            this.process = process;
            this.requests = process.getOutputStream();
        }

        /** Its end: every start waiting fails, every process it had counts as killed. */
        void end() {
            ended = true;
            var gone = new IOException("the sandbox launcher ended");
            starting.values().forEach(f -> f.completeExceptionally(gone));
            running.values().forEach(f -> f.complete(KILLED));
        }
    }

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
        return current != null && !current.ended ? Optional.of(current.process.pid()) : Optional.empty();
    }

    /**
     * Starts the process {@code builder} describes ({@link #forBuilder}).
     *
     * @throws IOException when it cannot be started (the message as {@link ProcessBuilder#start()}
     *                     words it) or the launcher cannot be reached
     */
    synchronized Process start(ProcessBuilder builder) throws IOException {
        Connection c = connection();
        String id = Long.toString(++lastId);
        var pid = new CompletableFuture<Long>();
        var exit = new CompletableFuture<Integer>();
        c.starting.put(id, pid);
        c.running.put(id, exit);
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
            // registered before the check: either its reader sees this start, or this start sees it ended
            if (c.ended) throw new IOException("the sandbox launcher ended");
            c.requests.write(request.toByteArray());
            c.requests.flush();
            started = pid.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            c.running.remove(id);
            c.starting.remove(id);
            Throwable why = e instanceof ExecutionException ? e.getCause()
                    : e instanceof TimeoutException ? new IOException("the sandbox launcher did not answer within "
                    + ANSWER_SECONDS + " s") : e;
            throw new IOException("Cannot run program \"" + builder.command().getFirst() + "\": " + why.getMessage(), why);
        } catch (InterruptedException e) {
            c.running.remove(id);
            c.starting.remove(id);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command().getFirst(), e);
        }
        // the launcher reaps it only after the ack: until then the pid names this process, ended or not
        Optional<ProcessHandle> handle = ProcessHandle.of(started);
        send(c, "ack", id);
        if (handle.isEmpty()) {
            throw new IOException("Cannot run program \"" + builder.command().getFirst() + "\": its process "
                    + started + " was gone before the launcher reaped it");
        }
        return new LaunchedProcess(this, id, handle.get(), exit);
    }

    /** Sends {@code signal} to the process {@code id} if its launcher has not reaped it yet. */
    synchronized void signal(String id, int signal) {
        Connection c = current;
        if (c == null || c.ended || !c.running.containsKey(id)) return;
        send(c, "kill", id, Integer.toString(signal));
    }

    private static void send(Connection c, String... fields) {
        var request = new ByteArrayOutputStream(32);
        for (String f : fields) field(request, f);
        try {
            c.requests.write(request.toByteArray());
            c.requests.flush();
        } catch (IOException e) {
            // the launcher is gone, and its processes with it; its reader ends them
        }
    }

    private Connection connection() throws IOException {
        if (current != null && !current.ended) return current;
        var pb = new ProcessBuilder(python.toString(), "-I", "-S", "-B", "-c", script)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        var c = new Connection(pb.start());
        current = c;
        var reader = new Thread(() -> read(c), "sandbox-launcher-reader");
        reader.setDaemon(true);
        reader.start();
        return c;
    }

    private static void read(Connection c) {
        try (var in = new BufferedReader(new InputStreamReader(c.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) answer(c, line);
        } catch (IOException | UncheckedIOException e) {
            // the launcher ended: below
        }
        c.end();
    }

    private static void answer(Connection c, String line) {
        String[] parts = line.split(" ", 4);
        switch (parts[0]) {
            case "pid" -> {
                var f = c.starting.remove(parts[1]);
                if (f != null) f.complete(Long.parseLong(parts[2]));
            }
            case "error" -> {
                var f = c.starting.remove(parts[1]);
                c.running.remove(parts[1]);
                if (f != null) {
                    f.completeExceptionally(new IOException("error=" + parts[2] + ", " + (parts.length > 3 ? parts[3] : "")));
                }
            }
            case "exit" -> {
                var f = c.running.remove(parts[1]);
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
        if (current == null) return;
        try {
            current.requests.close();
        } catch (IOException ignored) {
            // it ends at EOF either way
        }
        current = null;
    }
}
