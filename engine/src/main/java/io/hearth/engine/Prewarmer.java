package io.hearth.engine;

import io.hearth.engine.prediction.PrewarmDecision;
import io.hearth.engine.prediction.WarmPlanner;
import io.hearth.model.FunctionRef;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.sandbox.ActivePool;
import io.hearth.sandbox.Sandbox;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Acts on the {@link WarmPlanner}'s decisions: records each invocation's arrival (per function
 * version, {@code NAME:VERSION}, so that what is learnt survives a {@code $LATEST} deploy), gives
 * the keep-alive reaper each idle sandbox's adaptive keep-alive, and once a second starts the
 * sandboxes predicted calls need (started and warmed on a virtual thread, then left idle in the
 * active pool for the call to find) and stops those whose call did not come.
 */
final class Prewarmer {
    private final WarmPlanner<String> planner;
    private final FunctionRegistry registry;
    private final Placement placement;
    private final ActivePool pool;
    private final Clock clock;
    /** Per key, the sandbox held for the predicted call, and until when. */
    private final Map<String, Hold> waiting = new ConcurrentHashMap<>();
    private final LongAdder started = new LongAdder();
    private final LongAdder failed = new LongAdder();

    Prewarmer(WarmPlanner<String> planner, FunctionRegistry registry, Placement placement, ActivePool pool,
              Clock clock) {
        this.planner = planner;
        this.registry = registry;
        this.placement = placement;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * A sandbox kept for a predicted call until {@code untilMillis} (exempt from keep-alive till
     * then); {@code started} when it was started for the prediction (not an idle one adopted).
     */
    private record Hold(Sandbox sandbox, long untilMillis, boolean started) {}

    static String key(FunctionVersion v) {
        return v.name() + ":" + v.version();
    }

    /** An invocation of {@code v} needs a sandbox now (hot path). */
    void arrival(FunctionVersion v, long nowMillis) {
        planner.recordArrival(key(v), nowMillis);
    }

    /**
     * How long idle sandbox {@code s} stays warm: its function's adaptive keep-alive, except a
     * pre-warmed sandbox still waiting for its predicted call (the planner releases it on a miss).
     */
    long keepAliveMillis(Sandbox s) {
        FunctionVersion v = s.version();
        if (v == null) return Long.MAX_VALUE;
        String key = key(v);
        Hold hold = waiting.get(key);
        if (hold != null && hold.sandbox() == s && clock.millis() < hold.untilMillis()) return Long.MAX_VALUE;
        return planner.keepAliveMillis(key);
    }

    /** Once a second: start what predicted calls need, stop what missed ones left. */
    void tick() {
        for (PrewarmDecision<String> d : planner.tick(clock.millis())) {
            switch (d) {
                case PrewarmDecision.Prewarm<String> p -> prewarm(p.key(), p.releaseAtMillis());
                case PrewarmDecision.Release<String> r -> release(r.key());
            }
        }
    }

    private void prewarm(String key, long releaseAtMillis) {
        Optional<FunctionVersion> target = resolve(key);
        if (target.isEmpty()) return;
        FunctionVersion v = target.get();
        Sandbox idle = pool.peek(v.sandboxKey());
        if (idle != null) {   // one is warm already: keep it for the call instead of starting another
            hold(key, new Hold(idle, releaseAtMillis, false));
            return;
        }
        placement.startWarm(v).whenComplete((s, failure) -> {
            if (failure != null) {
                failed.increment();
                return;
            }
            started.increment();
            placement.release(s, clock.millis());
            hold(key, new Hold(s, releaseAtMillis, true));
        });
    }

    private void hold(String key, Hold hold) {
        Hold before = waiting.put(key, hold);
        if (before != null && before.sandbox() != hold.sandbox()) drop(before, "prediction superseded");
    }

    /** The predicted call did not come: a sandbox started for it and never used stops; any other returns to keep-alive. */
    private void release(String key) {
        Hold hold = waiting.remove(key);
        if (hold != null) drop(hold, "predicted call did not come");
    }

    private void drop(Hold hold, String why) {
        Sandbox s = hold.sandbox();
        if (hold.started() && !s.served() && pool.withdraw(s)) s.stop(why);
    }

    private Optional<FunctionVersion> resolve(String key) {
        int colon = key.lastIndexOf(':');
        try {
            return Optional.of(registry.named(new FunctionRef(key.substring(0, colon),
                    Optional.of(key.substring(colon + 1)))));
        } catch (HearthException e) {
            return Optional.empty();   // deleted meanwhile
        }
    }

    /** Forgets what was learnt about sandboxes whose key starts with {@code sandboxKeyPrefix} (deleted). */
    void forget(String sandboxKeyPrefix) {
        planner.forget(k -> (k + ":").startsWith(sandboxKeyPrefix));
    }

    void report(Map<String, Long> m) {
        m.putAll(planner.stats().metrics());
        m.put("hearth_prewarm_started_total", started.sum());
        m.put("hearth_prewarm_failures_total", failed.sum());
        m.put("hearth_prewarm_tracked_functions", (long) planner.trackedFunctions());
    }
}
