package io.hearth.engine;

import io.hearth.model.FunctionVersion;
import io.hearth.sandbox.ActivePool;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxFleet;
import io.hearth.sandbox.SandboxState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Zero-downtime moves of a name to other code, each one {@link Handover}:
 *
 * <ul>
 * <li>{@code $LATEST} to a new snapshot: while sandboxes of the old snapshot are warm, as many of
 * the new one (at least one) are started and warmed (runtime up, handler loaded) in the
 * background; meanwhile requests that find no warm sandbox of the new snapshot are served by an
 * idle one of the old snapshot. At the switch, traffic moves to the new snapshot and the old
 * snapshot's sandboxes, which nothing can reach any more, drain and stop.
 * <li>An alias to other versions or weights: each version whose share of the alias's traffic grows
 * gets as many sandboxes as the alias's versions had warm (at least one, less what it has:
 * {@link AliasMove#toWarm});
 * meanwhile requests through that alias for that version are served by an idle sandbox of a
 * version the alias routed to before, and report the version that executed. Direct invocations of
 * a version never stand in for another. At the switch the old versions' sandboxes are left alone:
 * a published version stays invokable by number (and may be another alias's target), so they age
 * out by keep-alive.
 * </ul>
 *
 * A new sandbox that failed to start ends nothing early: the switch comes when every start is
 * done, and the new code then starts on demand. A handover to a name that is moving again chains:
 * its sources stand in for the next move too.
 */
final class Handovers implements SnapshotSwitch {
    /** The handover of one alias to one of its versions. */
    private record AliasTarget(String function, String alias, String target) {}

    private final ActivePool pool;
    private final SandboxFleet fleet;
    private final Placement placement;
    private final Clock clock;
    private final Handover.Pool<Sandbox> slots;
    /** New {@code $LATEST} snapshot key → its handover. */
    private final ConcurrentHashMap<String, Handover<Sandbox>> snapshots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AliasTarget, Handover<Sandbox>> aliases = new ConcurrentHashMap<>();

    Handovers(ActivePool pool, SandboxFleet fleet, Placement placement, Clock clock) {
        this.pool = pool;
        this.fleet = fleet;
        this.placement = placement;
        this.clock = clock;
        this.slots = new Handover.Pool<>() {
            @Override
            public Sandbox take(String key) {
                return pool.take(key);
            }

            @Override
            public void offer(Sandbox s) {
                placement.release(s, clock.millis());
            }

            @Override
            public boolean ready(Sandbox s) {
                return s.state() == SandboxState.READY;
            }
        };
    }

    /**
     * Before {@code next} becomes current: when sandboxes of {@code old} (or of what a handover to
     * {@code old} still uses) are warm, requests for {@code next} may fall back on them from the
     * moment the registry switches.
     */
    @Override
    public void preparing(FunctionVersion old, FunctionVersion next) {
        var sources = new LinkedHashSet<String>();
        sources.add(old.sandboxKey());
        Handover<Sandbox> toOld = snapshots.get(old.sandboxKey());
        if (toOld != null && toOld.live()) sources.addAll(toOld.sources());
        sources.remove(next.sandboxKey());
        long warm = warmCount(sources);
        if (warm > 0) snapshots.put(next.sandboxKey(), new Handover<>(next.sandboxKey(), List.copyOf(sources), warm,
                slots));
    }

    @Override
    public void abandoned(FunctionVersion old, FunctionVersion next) {
        abandon(snapshots, next.sandboxKey());
    }

    /** {@code next} is current: warm its sandboxes, then switch and stop the old snapshot's. */
    @Override
    public void committed(FunctionVersion old, FunctionVersion next) {
        String key = next.sandboxKey();
        Handover<Sandbox> h = snapshots.get(key);
        if (h == null || h.state() != Handover.State.PREPARING) return;
        warm(next, h, () -> {
            snapshots.remove(key, h);
            for (String source : h.sources()) {
                if (!serving(source)) pool.retire(source).forEach(s -> s.stop("replaced by new code"));
            }
        });
    }

    /** Before the alias moves: a handover for each version gaining traffic that lacks warm sandboxes for it. */
    @Override
    public void preparing(AliasMove move) {
        for (AliasMove.Share gain : move.gaining()) {
            String target = gain.version().sandboxKey();
            var key = new AliasTarget(move.functionName(), move.alias(), target);
            Handover<Sandbox> current = aliases.get(key);
            if (current != null && current.live()) continue;   // already warming that version for this alias
            var sources = new LinkedHashSet<String>();
            for (AliasMove.Share before : move.before()) sources.add(before.version().sandboxKey());
            aliases.forEach((k, h) -> {
                if (k.function().equals(move.functionName()) && k.alias().equals(move.alias()) && h.live()) {
                    sources.addAll(h.sources());
                }
            });
            sources.remove(target);
            long sourceWarm = warmCount(sources);
            if (sourceWarm == 0) continue;   // nothing warm to stand in: the new version starts on demand
            long targetWarm = warmCount(List.of(target));
            long aliasWarm = sourceWarm + (move.shareBefore(target) > 0 ? targetWarm : 0);
            long toWarm = AliasMove.toWarm(aliasWarm, targetWarm) - move.provisionedFor(target);   // those it starts
            if (toWarm > 0) aliases.put(key, new Handover<>(target, List.copyOf(sources), toWarm, slots));
        }
    }

    @Override
    public void abandoned(AliasMove move) {
        for (AliasMove.Share gain : move.gaining()) {
            abandon(aliases, new AliasTarget(move.functionName(), move.alias(), gain.version().sandboxKey()));
        }
    }

    /** The alias moved: warm the gaining versions' sandboxes, then switch; the old versions' age out. */
    @Override
    public void committed(AliasMove move) {
        for (AliasMove.Share gain : move.gaining()) {
            var key = new AliasTarget(move.functionName(), move.alias(), gain.version().sandboxKey());
            Handover<Sandbox> h = aliases.get(key);
            if (h == null || h.state() != Handover.State.PREPARING) continue;
            warm(gain.version(), h, () -> aliases.remove(key, h));
        }
    }

    private static <K> void abandon(ConcurrentHashMap<K, Handover<Sandbox>> map, K key) {
        Handover<Sandbox> h = map.get(key);
        if (h != null && h.state() == Handover.State.PREPARING) {
            h.abandon();
            map.remove(key, h);
        }
    }

    /** Starts the handover's sandboxes of {@code next}; when all are done, switches, then runs {@code ended}. */
    private void warm(FunctionVersion next, Handover<Sandbox> h, Runnable ended) {
        h.warming();
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (long i = 0; i < h.toWarm(); i++) starts.add(placement.startWarm(next).thenAccept(h::ready));
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            if (failure != null) {
                System.err.println("hearth: warming " + next.name() + ":" + next.version() + "'s sandboxes failed ("
                        + failure.getMessage() + "); they start on demand");
            }
            try {
                h.switchOver();
            } finally {
                ended.run();
            }
        });
    }

    private long warmCount(Collection<String> sandboxKeys) {
        return fleet.all().stream().filter(s -> s.version() != null && sandboxKeys.contains(s.version().sandboxKey()))
                .count();
    }

    /**
     * For a request for {@code v} (through {@code alias}, or null) that found no idle sandbox of
     * {@code v}: one that stands in during a handover, or one a handover that just ended put in the
     * pool (now owned by the caller); else null.
     */
    Sandbox fallback(FunctionVersion v, String alias) {
        String key = v.sandboxKey();
        Handover<Sandbox> h = snapshots.get(key);
        Handover<Sandbox> a = alias == null ? null : aliases.get(new AliasTarget(v.name(), alias, key));
        if (h == null && a == null) return pool.take(key);   // second look: a switch may have just filled the pool
        Sandbox s = h != null ? h.fallback() : null;
        return s == null && a != null ? a.fallback() : s;
    }

    /** Whether idle sandboxes of the {@code $LATEST} snapshot {@code sandboxKey} still stand in for a newer one. */
    boolean serving(String sandboxKey) {
        for (Handover<Sandbox> h : snapshots.values()) {
            if (h.serves(sandboxKey)) return true;
        }
        return false;
    }

    /**
     * {@code s}, of a superseded snapshot, was just put back in the pool while a handover still used
     * it: if that handover has ended meanwhile (and so retired the idle ones), stop it too.
     */
    void recheck(Sandbox s) {
        if (!serving(s.version().sandboxKey()) && pool.withdraw(s)) s.stop("replaced by new code");
    }
}
