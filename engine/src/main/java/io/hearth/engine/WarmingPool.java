package io.hearth.engine;

import io.hearth.model.Runtime;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxState;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The warming pool: per runtime family (python, node), generic sandboxes whose runtime is up
 * and bound to no function yet. A cold start takes one ({@link #take}) and binds it to its
 * function instead of starting a process. The pool refills in the background, at most
 * {@link #PARALLEL_STARTS} starts at a time per family, and only while the node has room for
 * more sandboxes.
 *
 * <p>Size: each family aims at {@code min} plus two seconds' worth of its recent demand (takes
 * and misses over the last {@link DemandWindow#SECONDS} seconds), never above {@code max}; when
 * demand falls, the surplus is stopped by {@link #tick} (once a second). {@code max} 0 disables
 * the pool. A family whose runtime fails to start is left alone for {@link #BACKOFF_MILLIS}.
 */
final class WarmingPool implements AutoCloseable {
    static final int PARALLEL_STARTS = 2;
    static final long BACKOFF_MILLIS = 5_000;
    /** A pool that pools nothing (every take misses): until the engine installs the real one. */
    static final WarmingPool EMPTY = new WarmingPool(List.of(), f -> null, () -> 0, 0, 0, Clock.systemUTC());

    private final Map<Runtime.Family, Lane> lanes = new EnumMap<>(Runtime.Family.class);
    private final Function<Runtime.Family, Sandbox> launcher;
    private final IntSupplier room;
    private final Clock clock;
    private final int min;
    private final int max;
    private final Executor starts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("warming-", 0).factory());
    private volatile boolean closed;

    /** One family's pool. */
    private static final class Lane {
        final Runtime.Family family;
        final ConcurrentLinkedDeque<Sandbox> ready = new ConcurrentLinkedDeque<>();
        final AtomicInteger starting = new AtomicInteger();
        final DemandWindow demand = new DemandWindow();
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder launched = new LongAdder();
        final LongAdder failed = new LongAdder();
        volatile long backoffUntil;

        Lane(Runtime.Family family) {
            this.family = family;
        }
    }

    /**
     * @param families the runtime families to pool (those whose runtime supports late binding here)
     * @param launcher starts one generic sandbox of a family (may block; runs on a virtual thread)
     * @param room     how many more sandboxes the node may start now
     * @param min      as validated by {@link PoolSettings}: 0 ≤ min ≤ max, or max 0 (no pool)
     */
    WarmingPool(List<Runtime.Family> families, Function<Runtime.Family, Sandbox> launcher, IntSupplier room,
                int min, int max, Clock clock) {
        this.launcher = launcher;
        this.room = room;
        this.clock = clock;
        this.min = min;
        this.max = max;
        if (max > 0) families.forEach(f -> lanes.put(f, new Lane(f)));
    }

    /** Starts filling every family's pool to its minimum. */
    void start() {
        lanes.values().forEach(this::refill);
    }

    /**
     * A generic sandbox of {@code family} whose runtime is up, now owned by the caller (to bind);
     * null when the family is not pooled or its pool is empty (a miss). Either way the pool refills.
     */
    Sandbox take(Runtime.Family family) {
        Lane lane = lanes.get(family);
        if (lane == null) return null;
        lane.demand.record(clock.millis());
        Sandbox s = lane.ready.pollFirst();
        while (s != null && s.state() != SandboxState.GENERIC) {   // died while waiting
            s = lane.ready.pollFirst();
        }
        if (s == null) {
            lane.misses.increment();
        } else {
            lane.hits.increment();
        }
        refill(lane);
        return s;
    }

    /** Forgets a sandbox that stopped (it may have been waiting here). */
    void forget(Sandbox s) {
        for (Lane lane : lanes.values()) lane.ready.remove(s);
    }

    /** Takes the sandbox that waited longest, of any family, to make room on the node; null if none. */
    Sandbox evictOne() {
        for (Lane lane : lanes.values()) {
            Sandbox s = lane.ready.pollLast();
            if (s != null) return s;
        }
        return null;
    }

    /** Once a second: stops the surplus above each family's target, refills below it. */
    void tick() {
        long now = clock.millis();
        for (Lane lane : lanes.values()) {
            int target = target(lane, now);
            while (lane.ready.size() > target) {
                Sandbox s = lane.ready.pollLast();
                if (s == null) break;
                s.stop("warming pool shrinks");
            }
            refill(lane);
        }
    }

    /** The size {@code lane} aims at now. */
    private int target(Lane lane, long now) {
        int recent = lane.demand.count(now);
        return Math.min(max, min + (recent * 2 + DemandWindow.SECONDS - 1) / DemandWindow.SECONDS);
    }

    private void refill(Lane lane) {
        if (closed) return;
        long now = clock.millis();
        if (now < lane.backoffUntil) return;
        int target = target(lane, now);
        while (lane.ready.size() + lane.starting.get() < target && room.getAsInt() > 0) {
            int inFlight = lane.starting.get();
            if (inFlight >= PARALLEL_STARTS) return;
            if (!lane.starting.compareAndSet(inFlight, inFlight + 1)) continue;
            starts.execute(() -> launchOne(lane));
        }
    }

    private void launchOne(Lane lane) {
        Sandbox s;
        try {
            s = launcher.apply(lane.family);
        } catch (RuntimeException e) {
            lane.starting.decrementAndGet();
            lane.failed.increment();
            lane.backoffUntil = clock.millis() + BACKOFF_MILLIS;
            System.err.println("hearth: warming pool cannot start a " + lane.family.name().toLowerCase()
                    + " sandbox (retrying in " + BACKOFF_MILLIS / 1000 + " s): " + e.getMessage());
            return;
        }
        lane.launched.increment();
        s.warmUp().whenComplete((up, failure) -> {
            if (failure != null || closed) {
                s.stop(failure != null ? "generic runtime failed to start" : "warming pool closed");
                if (failure != null) {
                    lane.failed.increment();
                    lane.backoffUntil = clock.millis() + BACKOFF_MILLIS;
                }
            } else {
                lane.ready.addFirst(s);
            }
            lane.starting.decrementAndGet();
            refill(lane);
        });
    }

    /** Metrics: per family {@code hearth_warming_pool_*{runtime="python"}}, each name's series together. */
    void report(Map<String, Long> m) {
        long now = clock.millis();
        series(m, "hearth_warming_pool_ready", lane -> lane.ready.size());
        series(m, "hearth_warming_pool_starting", lane -> lane.starting.get());
        series(m, "hearth_warming_pool_target", lane -> target(lane, now));
        series(m, "hearth_warming_pool_bindings_total", lane -> lane.hits.sum());
        series(m, "hearth_warming_pool_misses_total", lane -> lane.misses.sum());
        series(m, "hearth_warming_pool_launched_total", lane -> lane.launched.sum());
        series(m, "hearth_warming_pool_failures_total", lane -> lane.failed.sum());
    }

    private void series(Map<String, Long> m, String name, java.util.function.ToLongFunction<Lane> value) {
        for (Lane lane : lanes.values()) {
            m.put(name + "{runtime=\"" + lane.family.name().toLowerCase(java.util.Locale.ROOT) + "\"}",
                    value.applyAsLong(lane));
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Lane lane : lanes.values()) {
            Sandbox s;
            while ((s = lane.ready.pollFirst()) != null) s.stop("warming pool closed");
        }
    }
}
