package io.hearth.engine;

import io.hearth.model.FunctionVersion;
import io.hearth.sandbox.ActivePool;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxFleet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Zero-downtime switch of {@code $LATEST} to a new snapshot. When the snapshot changes while
 * sandboxes of the old one are warm, as many sandboxes of the new one are started and warmed
 * (runtime up, handler loaded) in the background; meanwhile invocations that find no warm sandbox
 * of the new snapshot are served by an idle one of the old snapshot instead of waiting on a cold
 * start. When the new sandboxes are ready (or failed to be: then the new code answers for
 * itself), the handover ends: traffic is on the new snapshot and the old sandboxes drain and stop.
 */
final class Handovers implements SnapshotSwitch {
    private final ActivePool pool;
    private final SandboxFleet fleet;
    private final Placement placement;
    private final Clock clock;
    /** New snapshot key → old snapshot key, while the new sandboxes warm. */
    private final ConcurrentHashMap<String, String> active = new ConcurrentHashMap<>();

    Handovers(ActivePool pool, SandboxFleet fleet, Placement placement, Clock clock) {
        this.pool = pool;
        this.fleet = fleet;
        this.placement = placement;
        this.clock = clock;
    }

    /**
     * Before {@code next} becomes current: when sandboxes of {@code old} are warm, requests for
     * {@code next} may fall back on them from the moment the registry switches.
     */
    @Override
    public void preparing(FunctionVersion old, FunctionVersion next) {
        if (warmCount(old.sandboxKey()) > 0) active.put(next.sandboxKey(), old.sandboxKey());
    }

    @Override
    public void abandoned(FunctionVersion old, FunctionVersion next) {
        active.remove(next.sandboxKey(), old.sandboxKey());
    }

    /** {@code next} is current: warm as many of its sandboxes as {@code old} had, then retire the old ones. */
    @Override
    public void committed(FunctionVersion old, FunctionVersion next) {
        String oldKey = old.sandboxKey();
        if (!oldKey.equals(active.get(next.sandboxKey()))) return;
        long warm = warmCount(oldKey);
        List<CompletableFuture<Sandbox>> warming = new ArrayList<>();
        for (long i = 0; i < Math.max(1, warm); i++) {
            warming.add(placement.startWarm(next).thenApply(s -> {
                placement.release(s, clock.millis());
                return s;
            }));
        }
        CompletableFuture.allOf(warming.toArray(CompletableFuture[]::new))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        System.err.println("hearth: warming " + next.name() + "'s new code failed ("
                                + failure.getMessage() + "); it starts on demand");
                    }
                    active.remove(next.sandboxKey(), oldKey);
                    pool.retire(oldKey).forEach(s -> s.stop("replaced by new code"));
                });
    }

    private long warmCount(String sandboxKey) {
        return fleet.all().stream().filter(s -> s.version() != null && s.version().sandboxKey().equals(sandboxKey))
                .count();
    }

    /** During a handover to {@code v}: an idle sandbox of the snapshot it replaces (now owned by the caller), else null. */
    Sandbox fallback(FunctionVersion v) {
        String old = active.get(v.sandboxKey());
        return old == null ? null : pool.take(old);
    }

    /** Whether sandboxes of {@code sandboxKey} still serve a handover (so they go back to the pool after a run). */
    boolean serving(String sandboxKey) {
        return active.containsValue(sandboxKey);
    }
}
