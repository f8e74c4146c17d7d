package io.hearth.engine;

import io.hearth.sandbox.ActivePool;
import io.hearth.sandbox.Sandbox;
import java.time.Clock;
import java.util.function.ToLongFunction;

/**
 * Stops sandboxes idle longer than their function's keep-alive (adaptive: {@link Prewarmer}; run
 * once a second by {@link Housekeeping}).
 */
final class KeepAliveReaper {
    private final ActivePool pool;
    private final Clock clock;
    private final ToLongFunction<Sandbox> keepAliveMillis;

    KeepAliveReaper(ActivePool pool, Clock clock, ToLongFunction<Sandbox> keepAliveMillis) {
        this.pool = pool;
        this.clock = clock;
        this.keepAliveMillis = keepAliveMillis;
    }

    /** One round: stops every sandbox idle past its keep-alive; returns how many. */
    int reapOnce() {
        int n = 0;
        long now = clock.millis();
        for (Sandbox s : pool.expired(now, keepAliveMillis)) {
            s.stop("idle for " + (now - s.idleSinceMillis()) + " ms");
            n++;
        }
        return n;
    }
}
