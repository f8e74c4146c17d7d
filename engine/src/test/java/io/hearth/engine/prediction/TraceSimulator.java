package io.hearth.engine.prediction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replays arrival traces against a model of the active pool on a virtual clock, the way the
 * engine would run it: calls take the most recently used idle sandbox of their function or cold
 * start one; a reaper round and a planning round run every second; a {@code Prewarm} starts a
 * sandbox that is ready {@value #COLD_START_MILLIS} ms later; a {@code Release} stops the
 * pre-warmed sandbox if it is still idle. Counts cold starts and idle sandbox-time (memory held by
 * sandboxes that run nothing) per function.
 */
final class TraceSimulator {
    static final long TICK_MILLIS = 1_000;
    static final long COLD_START_MILLIS = 500;
    static final long CALL_MILLIS = 100;

    /** How idle sandboxes are kept: a fixed keep-alive, or a {@link WarmPlanner}. */
    sealed interface Mode {
        record Fixed(long keepAliveMillis) implements Mode {}

        record Adaptive(PredictionConfig config) implements Mode {}
    }

    /** What one function experienced. */
    record Result(int arrivals, int coldStarts, long idleMillis, long prewarmHoldMillis, long maxPrewarmHoldMillis,
                  int prewarms, int releases) {
        double idleSecondsPerArrival() {
            return idleMillis / 1000.0 / arrivals;
        }
    }

    /** All functions' results, the planner's stats (adaptive only) and the most pre-warmed sandboxes idle at once. */
    record Run(Map<String, Result> byFunction, PredictionStats stats, int maxPrewarmedAtOnce) {
        Result of(String function) {
            return byFunction.get(function);
        }

        long totalIdleMillis() {
            return byFunction.values().stream().mapToLong(Result::idleMillis).sum();
        }
    }

    private static final class Box {
        long idleSince;
        boolean prewarmed;
    }

    private static final class Counts {
        int arrivals;
        int cold;
        long idle;
        long hold;
        long maxHold;
        int prewarms;
        int releases;
    }

    private record Arrival(long at, String function) {}

    private final Mode mode;
    private final WarmPlanner<String> planner;
    private final Map<String, Deque<Box>> idle = new HashMap<>();
    private final Map<String, Box> prewarmedFor = new HashMap<>();
    private final Map<String, Counts> counts = new LinkedHashMap<>();
    private int prewarmedNow;
    private int maxPrewarmedAtOnce;

    private TraceSimulator(Mode mode) {
        this.mode = mode;
        this.planner = mode instanceof Mode.Adaptive a ? new WarmPlanner<>(a.config()) : null;
    }

    /** Replays {@code traces} (function → arrivals) until an hour after the last arrival. */
    static Run run(Mode mode, Map<String, long[]> traces) {
        return run(mode, traces, Traces.HOUR);
    }

    /** Replays {@code traces} until {@code tailMillis} after the last arrival. */
    static Run run(Mode mode, Map<String, long[]> traces, long tailMillis) {
        return new TraceSimulator(mode).replay(traces, tailMillis);
    }

    private Run replay(Map<String, long[]> traces, long tailMillis) {
        var arrivals = new ArrayList<Arrival>();
        traces.forEach((f, ts) -> {
            counts.put(f, new Counts());
            for (long t : ts) arrivals.add(new Arrival(t, f));
        });
        arrivals.sort(Comparator.comparingLong(Arrival::at));
        long first = arrivals.getFirst().at();
        long end = arrivals.getLast().at() + tailMillis;
        int next = 0;
        for (long tick = Math.floorDiv(first, TICK_MILLIS) * TICK_MILLIS; tick <= end; tick += TICK_MILLIS) {
            while (next < arrivals.size() && arrivals.get(next).at() <= tick) arrive(arrivals.get(next++));
            reap(tick);
            if (planner != null) plan(tick);
        }
        idle.forEach((f, boxes) -> boxes.forEach(b -> leaveIdle(f, b, end)));
        var out = new LinkedHashMap<String, Result>();
        counts.forEach((f, c) -> out.put(f, new Result(c.arrivals, c.cold, c.idle, c.hold, c.maxHold, c.prewarms,
                c.releases)));
        return new Run(out, planner == null ? new PredictionStats(0, 0, 0, 0, 0) : planner.stats(),
                maxPrewarmedAtOnce);
    }

    private void arrive(Arrival a) {
        Counts c = counts.get(a.function());
        c.arrivals++;
        if (planner != null) planner.recordArrival(a.function(), a.at());
        Deque<Box> boxes = idle.computeIfAbsent(a.function(), k -> new ArrayDeque<>());
        Box taken = null;
        for (Iterator<Box> it = boxes.iterator(); it.hasNext(); ) {
            Box b = it.next();
            if (b.idleSince <= a.at()) {
                it.remove();
                taken = b;
                break;
            }
        }
        if (taken == null) {
            c.cold++;
            taken = new Box();
        } else {
            leaveIdle(a.function(), taken, a.at());
        }
        taken.prewarmed = false;
        taken.idleSince = a.at() + CALL_MILLIS;
        boxes.addFirst(taken);
    }

    private void reap(long now) {
        idle.forEach((f, boxes) -> {
            long keep = switch (mode) {
                case Mode.Fixed fixed -> fixed.keepAliveMillis();
                case Mode.Adaptive ignored -> planner.keepAliveMillis(f);
            };
            for (Iterator<Box> it = boxes.iterator(); it.hasNext(); ) {
                Box b = it.next();
                if (now - b.idleSince >= keep) {
                    it.remove();
                    leaveIdle(f, b, now);
                }
            }
        });
    }

    private void plan(long now) {
        for (PrewarmDecision<String> d : planner.tick(now)) {
            Counts c = counts.get(d.key());
            switch (d) {
                case PrewarmDecision.Prewarm<String> p -> {
                    Box b = new Box();
                    b.prewarmed = true;
                    b.idleSince = now + COLD_START_MILLIS;
                    idle.computeIfAbsent(p.key(), k -> new ArrayDeque<>()).addFirst(b);
                    prewarmedFor.put(p.key(), b);
                    c.prewarms++;
                    prewarmedNow++;
                    maxPrewarmedAtOnce = Math.max(maxPrewarmedAtOnce, prewarmedNow);
                }
                case PrewarmDecision.Release<String> r -> {
                    Box b = prewarmedFor.remove(r.key());
                    if (b != null && b.prewarmed && idle.get(r.key()).remove(b)) {
                        c.releases++;
                        leaveIdle(r.key(), b, now);
                    }
                }
            }
        }
    }

    /** A sandbox leaves the idle set at {@code now} (taken by a call, or stopped): its idle time is counted. */
    private void leaveIdle(String f, Box b, long now) {
        Counts c = counts.get(f);
        long held = Math.max(0, now - b.idleSince);
        c.idle += held;
        if (b.prewarmed) {
            c.hold += held;
            c.maxHold = Math.max(c.maxHold, held);
            prewarmedNow--;
        }
    }

}
