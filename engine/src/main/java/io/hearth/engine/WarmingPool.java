package io.hearth.engine;

import io.hearth.model.Runtime;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxState;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The warming pool: per lane, generic sandboxes whose runtime is up and bound to no function yet.
 * A lane is a runtime family (python, node) or, for a family whose sandboxes are sized at start
 * (java: a JVM's heap is fixed when it starts), a family and a memory size ({@link Key}). A cold
 * start takes one ({@link #take}) and binds it to its function instead of starting a process.
 * The pool refills in the background, at most {@link #PARALLEL_STARTS} starts at a time per lane,
 * and only while the node has room for more sandboxes.
 *
 * <p>Size: each lane aims at its minimum plus two seconds' worth of its recent demand (takes
 * and misses over the last {@link DemandWindow#SECONDS} seconds), never above {@code max}; when
 * demand falls, the surplus is stopped by {@link #tick} (once a second). The lanes given at
 * construction have minimum {@code min}; a sized family's lane for another memory size is created
 * by its first take (a miss) with minimum 0, and from then on follows its demand like the others
 * (it stays, empty, once demand is gone). {@code max} 0 disables the pool. A lane whose runtime
 * fails to start is left alone for {@link #BACKOFF_MILLIS}.
 *
 * <p>Bursts: a miss means the node is starting a process for that cold start itself. While a
 * lane keeps missing (a miss in the last {@link #BURST_QUIET_MILLIS}), it starts no generic
 * sandbox: those would only compete for the CPU with the starts the waiting requests need, and
 * serve none of them (each miss already has its own). The first tick after the burst refills it,
 * to the target the burst raised.
 */
final class WarmingPool implements AutoCloseable {
    static final int PARALLEL_STARTS = 2;
    static final long BACKOFF_MILLIS = 5_000;
    static final long BURST_QUIET_MILLIS = 1_000;
    /** A pool that pools nothing (every take misses): until the engine installs the real one. */
    static final WarmingPool EMPTY = new WarmingPool(List.of(), Set.of(), k -> null, () -> 0, 0, 0, Clock.systemUTC());

    /**
     * A lane: a runtime family, with the memory size its generic sandboxes start with when the
     * family is sized at start ({@code memoryMb} 0 for the others, whose sandboxes take their
     * function's size at binding).
     */
    record Key(Runtime.Family family, int memoryMb) implements Comparable<Key> {
        /** The lane of a family not sized at start. */
        static Key of(Runtime.Family family) {
            return new Key(family, 0);
        }

        @Override
        public int compareTo(Key o) {
            return family != o.family ? family.compareTo(o.family) : Integer.compare(memoryMb, o.memoryMb);
        }

        /** Metric labels: {@code runtime="python"}, {@code runtime="java",memory="512"}. */
        String labels() {
            String runtime = "runtime=\"" + family.name().toLowerCase(Locale.ROOT) + "\"";
            return memoryMb == 0 ? runtime : runtime + ",memory=\"" + memoryMb + "\"";
        }
    }

    private final Map<Key, Lane> lanes = new ConcurrentSkipListMap<>();
    private final Set<Runtime.Family> sized;
    private final Function<Key, Sandbox> launcher;
    private final IntSupplier room;
    private final Clock clock;
    private final int max;
    private final Executor starts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("warming-", 0).factory());
    private volatile boolean closed;

    /** One lane's pool. */
    private static final class Lane {
        final Key key;
        final int min;
        final ConcurrentLinkedDeque<Sandbox> ready = new ConcurrentLinkedDeque<>();
        final AtomicInteger starting = new AtomicInteger();
        final DemandWindow demand = new DemandWindow();
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder launched = new LongAdder();
        final LongAdder failed = new LongAdder();
        volatile long backoffUntil;
        volatile long lastMiss = Long.MIN_VALUE / 2;

        Lane(Key key, int min) {
            this.key = key;
            this.min = min;
        }
    }

    /**
     * @param kept     the lanes to keep at {@code min} (runtimes that support late binding here)
     * @param sized    the families whose lanes are per memory size and made on demand (java, when it can be pooled)
     * @param launcher starts one generic sandbox of a lane (may block; runs on a virtual thread)
     * @param room     how many more sandboxes the node may start now
     * @param min      as validated by {@link PoolSettings}: 0 ≤ min ≤ max, or max 0 (no pool)
     */
    WarmingPool(List<Key> kept, Set<Runtime.Family> sized, Function<Key, Sandbox> launcher, IntSupplier room,
                int min, int max, Clock clock) {
        this.launcher = launcher;
        this.room = room;
        this.clock = clock;
        this.max = max;
        this.sized = Set.copyOf(sized);
        if (max > 0) kept.forEach(k -> lanes.put(k, new Lane(k, min)));
    }

    /** Starts filling every family's pool to its minimum. */
    void start() {
        lanes.values().forEach(this::refill);
    }

    /**
     * A generic sandbox of lane {@code key} whose runtime is up, now owned by the caller (to bind);
     * null when the lane is not pooled or is empty (a miss). After a hit the lane refills (after a
     * miss, once the misses stop: see the class comment); a sized
     * family's lane for a new memory size is made now, to be filled by this demand.
     */
    Sandbox take(Key key) {
        Lane lane = lanes.get(key);
        if (lane == null && max > 0 && sized.contains(key.family()) && !closed) {
            lane = lanes.computeIfAbsent(key, k -> new Lane(k, 0));
        }
        if (lane == null) return null;
        lane.demand.record(clock.millis());
        Sandbox s = lane.ready.pollFirst();
        while (s != null && s.state() != SandboxState.GENERIC) {   // died while waiting
            s = lane.ready.pollFirst();
        }
        if (s == null) {
            lane.misses.increment();
            lane.lastMiss = clock.millis();
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

    /** Takes the sandbox that waited longest, of any lane, to make room on the node; null if none. */
    Sandbox evictOne() {
        for (Lane lane : lanes.values()) {
            Sandbox s = lane.ready.pollLast();
            if (s != null) return s;
        }
        return null;
    }

    /** Once a second: stops the surplus above each lane's target, refills below it. */
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
        return Math.min(max, lane.min + (recent * 2 + DemandWindow.SECONDS - 1) / DemandWindow.SECONDS);
    }

    private void refill(Lane lane) {
        if (closed) return;
        long now = clock.millis();
        if (now < lane.backoffUntil) return;
        if (now - lane.lastMiss < BURST_QUIET_MILLIS) return;   // a burst of misses: see the class comment
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
            s = launcher.apply(lane.key);
        } catch (RuntimeException e) {
            lane.starting.decrementAndGet();
            lane.failed.increment();
            lane.backoffUntil = clock.millis() + BACKOFF_MILLIS;
            System.err.println("hearth: warming pool cannot start a " + lane.key.family().name().toLowerCase(Locale.ROOT)
                    + (lane.key.memoryMb() == 0 ? "" : " " + lane.key.memoryMb() + " MB")
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

    /**
     * Metrics: per lane {@code hearth_warming_pool_*{runtime="python"}} or
     * {@code {runtime="java",memory="512"}}, each name's series together.
     */
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
            m.put(name + "{" + lane.key.labels() + "}", value.applyAsLong(lane));
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
