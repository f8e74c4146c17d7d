package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts sandbox processes from one long-lived platform thread, {@code sandbox-spawner}: through
 * the {@link Launcher} when there is one and it takes the builder, else with
 * {@link ProcessBuilder#start()}. Bubblewrap's {@code --die-with-parent} (PR_SET_PDEATHSIG) fires
 * when the <em>thread</em> that started it ends, not the process: started from a virtual thread's
 * carrier, or any pool thread that may retire, a sandbox would be killed at a random later
 * moment. From this thread, which lives as long as the server (or from the launcher's main
 * thread, which lives as long as the launcher, which ends with the server), it fires only when
 * the server itself dies, which is the point: a crashed server leaves no sandbox behind. The
 * caller blocks (a virtual thread unmounts) only for the start, about a millisecond.
 */
final class Spawner {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-spawner");
        t.setDaemon(true);
        return t;
    });

    private Spawner() {}

    static Process start(ProcessBuilder builder, Optional<Launcher> launcher) throws IOException {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    if (launcher.isPresent() && Launcher.forBuilder(builder)) return launcher.get().start(builder);
                    return builder.start();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, THREAD).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }
}
