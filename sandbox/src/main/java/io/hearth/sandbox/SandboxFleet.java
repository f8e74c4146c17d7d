package io.hearth.sandbox;

import io.hearth.sandbox.code.TreeLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Every live sandbox of this node, with a pid file each under the sandbox directory so that a
 * restarted node can find and kill the processes a crashed run left behind. A generic (warming
 * pool) sandbox also has a code slot there, {@code ID.task}: the directory its function's code
 * is placed in when it is bound; removed when the sandbox stops.
 */
public final class SandboxFleet {
    private final Path dir;
    private final Set<Sandbox> live = ConcurrentHashMap.newKeySet();
    private volatile Consumer<Sandbox> stopListener = s -> {};

    public SandboxFleet(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create sandbox directory " + dir + ": " + e, e);
        }
    }

    /** Called whenever a sandbox stops (for pools to forget it). */
    public void onStopped(Consumer<Sandbox> listener) {
        this.stopListener = listener;
    }

    Path outputFile(String id) {
        return dir.resolve(id + ".log");
    }

    /** Creates the empty code slot of generic sandbox {@code id} (readable by the sandbox's uid). */
    Path createSlot(String id) throws IOException {
        Path slot = dir.resolve(id + ".task");
        Files.createDirectory(slot);
        Files.setPosixFilePermissions(slot, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return slot;
    }

    /** The code slot of sandbox {@code id} (it exists only for sandboxes launched generic). */
    Path slot(String id) {
        return dir.resolve(id + ".task");
    }

    void started(Sandbox s) {
        live.add(s);
        var start = ProcessHandle.of(s.pid()).flatMap(h -> h.info().startInstant()).map(i -> i.toEpochMilli()).orElse(0L);
        try {
            Files.writeString(dir.resolve(s.id() + ".pid"), s.pid() + " " + start + "\n");
        } catch (IOException e) {
            System.err.println("hearth: cannot write pid file for " + s.id() + ": " + e);
        }
    }

    void stopped(Sandbox s) {
        live.remove(s);
        try {
            TreeLinks.remove(slot(s.id()));
            Files.deleteIfExists(dir.resolve(s.id() + ".pid"));
        } catch (IOException ignored) {
            // cleaned at the next start
        }
        stopListener.accept(s);
    }

    public int size() {
        return live.size();
    }

    public List<Sandbox> all() {
        return new ArrayList<>(live);
    }

    /** Stops every live sandbox (shutdown), all at once: each stop waits for its processes to end. */
    public void stopAll(String reason) {
        try (var stops = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Sandbox s : all()) stops.execute(() -> s.stop(reason));
        }
    }

    /**
     * Kills processes recorded by a previous run that are still alive (same pid and start time)
     * and removes its leftover files. Returns how many processes were killed.
     */
    public int cleanupLeftovers() {
        int killed = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".pid")) {
                    killed += killRecorded(f) ? 1 : 0;
                }
                if (name.endsWith(".task")) {
                    TreeLinks.remove(f);
                } else {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            System.err.println("hearth: cannot clean sandbox directory " + dir + ": " + e);
        }
        return killed;
    }

    private static boolean killRecorded(Path pidFile) {
        try {
            String[] parts = Files.readString(pidFile).trim().split(" ");
            long pid = Long.parseLong(parts[0]);
            long start = Long.parseLong(parts[1]);
            var handle = ProcessHandle.of(pid);
            if (handle.isEmpty()) return false;
            long actual = handle.get().info().startInstant().map(i -> i.toEpochMilli()).orElse(-1L);
            if (actual != start) return false;   // the pid was reused by an unrelated process
            handle.get().descendants().forEach(ProcessHandle::destroyForcibly);
            return handle.get().destroyForcibly();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
