package io.hearth.engine.prediction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Decides how long each function's idle sandboxes stay warm (adaptive keep-alive) and when a
 * periodic function should get a sandbox ready before its next call (predictive pre-warming).
 * Pure decisions: it starts no thread, touches no sandbox and reads no clock; the engine reports
 * arrivals, asks for keep-alives and acts on the {@link PrewarmDecision}s of {@link #tick}.
 *
 * <p>How it decides:
 * <ol>
 *   <li>Each function (key {@code K}, e.g. its sandbox key) has an {@link ArrivalHistory}: the
 *       last 32 recorded arrivals, at least {@link PredictionConfig#sampleMillis()} apart.</li>
 *   <li>{@link KeepAlivePolicy}: keep ≈ 1.5 × the 90th percentile of the gaps the minimum
 *       does not cover, within [min, max]; a function mostly called less often than the maximum
 *       gets the minimum; with too little history, the configured default.</li>
 *   <li>{@link PeriodDetector}: the newest ≥ 3 gaps fit one period (±5%, at least ±4 s; a
 *       skipped beat fits as a multiple).</li>
 *   <li>{@link PrewarmPlanner}: for a periodic function whose next call falls after its keep-alive
 *       ends, a sandbox is asked for {@code lead + window} before the expected call and released
 *       {@code window} after it if no call came. At most {@code prewarmMax} predictions are open on
 *       the node; due beats beyond that are skipped (earliest expected first) and counted as capped.</li>
 * </ol>
 *
 * <p>Threads. {@link #recordArrival} is the hot path, called by any thread on every invocation
 * that needs a sandbox: a map lookup, two volatile reads, and — at most once per sample interval per
 * function, or when a prediction is open — a short monitor or a compare-and-set; it does not
 * allocate once the function is known. {@link #tick} is meant for the housekeeping thread once a
 * second; it is {@code synchronized}, so ticks never overlap. {@link #keepAliveMillis},
 * {@link #period}, {@link #forget} and {@link #stats} are safe from any thread. Locks: one monitor
 * per {@link ArrivalHistory} (held to write one slot or copy 32 longs) and this object's monitor
 * (held by a tick); neither is held across I/O, and neither is taken while holding the other except
 * tick → history.
 *
 * @param <K> the engine's function key; its {@code hashCode} and {@code equals} should be cheap
 */
public final class WarmPlanner<K> {
    private final PredictionConfig config;
    private final KeepAlivePolicy keepAlive;
    private final PeriodDetector detector = new PeriodDetector();
    private final PrewarmPlanner prewarm;
    private final long sampleMillis;
    private final ConcurrentHashMap<K, Track> tracks = new ConcurrentHashMap<>();
    private final LongAdder made = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder capped = new LongAdder();

    public WarmPlanner(PredictionConfig config) {
        this.config = config;
        this.keepAlive = KeepAlivePolicy.of(config);
        this.prewarm = PrewarmPlanner.of(config);
        this.sampleMillis = config.sampleMillis();
    }

    /** Notes that a call of {@code key} arrived at {@code nowMillis} (hot path; see the class notes). */
    public void recordArrival(K key, long nowMillis) {
        Track t = tracks.get(key);
        if (t == null) t = tracks.computeIfAbsent(key, k -> new Track(sampleMillis));
        t.history.record(nowMillis);
        if (t.hit(nowMillis)) hits.increment();
    }

    /** How long an idle sandbox of {@code key} stays warm, in ms (the default for an unknown key). */
    public long keepAliveMillis(K key) {
        Track t = tracks.get(key);
        return t == null ? config.keepAliveDefault().toMillis() : t.analysis(keepAlive, detector).keepAliveMillis();
    }

    /** The period of {@code key}'s calls, if they are periodic (for observability and tests). */
    public Optional<Period> period(K key) {
        Track t = tracks.get(key);
        return t == null ? Optional.empty() : t.analysis(keepAlive, detector).period();
    }

    /**
     * One planning round at {@code nowMillis}: first a {@link PrewarmDecision.Release} for each
     * open prediction whose window has passed (a miss), then a {@link PrewarmDecision.Prewarm} for
     * each beat that is due, within the {@code prewarmMax} cap. Empty when pre-warming is off.
     */
    public synchronized List<PrewarmDecision<K>> tick(long nowMillis) {
        if (!config.prewarm()) return List.of();
        List<PrewarmDecision<K>> out = null;
        int open = 0;
        List<Due<K>> due = null;
        for (var e : tracks.entrySet()) {
            Track t = e.getValue();
            Track.Prediction p = t.open.get();
            if (p != null) {
                if (nowMillis <= p.releaseAtMillis()) {
                    open++;
                    continue;
                }
                if (t.open.compareAndSet(p, null)) {   // else a late-racing call resolved it as a hit
                    misses.increment();
                    (out == null ? out = new ArrayList<>() : out).add(new PrewarmDecision.Release<>(e.getKey(),
                            p.expectedMillis()));
                }
            }
            Track.Analysis a = t.analysis(keepAlive, detector);
            if (a.period().isEmpty()) continue;
            var beat = prewarm.due(a.period().get(), a.keepAliveMillis(), t.lastPlannedMillis, nowMillis);
            if (beat.isPresent()) {
                (due == null ? due = new ArrayList<>() : due).add(new Due<>(e.getKey(), t, beat.get()));
            }
        }
        if (due != null) {
            due.sort(Comparator.comparingLong(d -> d.beat().expectedMillis()));
            for (Due<K> d : due) {
                d.track().lastPlannedMillis = d.beat().expectedMillis();
                if (open >= config.prewarmMax()) {
                    capped.increment();
                    continue;
                }
                d.track().open.set(new Track.Prediction(d.beat().expectedMillis(), d.beat().releaseAtMillis()));
                open++;
                made.increment();
                (out == null ? out = new ArrayList<>() : out).add(new PrewarmDecision.Prewarm<>(d.key(),
                        d.beat().expectedMillis(), d.beat().releaseAtMillis()));
            }
        }
        return out == null ? List.of() : out;
    }

    /** Forgets the functions matching {@code which} (deleted, or a snapshot retired) and their open predictions. */
    public void forget(Predicate<? super K> which) {
        tracks.keySet().removeIf(which);
    }

    public PredictionStats stats() {
        long open = tracks.values().stream().filter(t -> t.open.get() != null).count();
        return new PredictionStats(made.sum(), hits.sum(), misses.sum(), capped.sum(), open);
    }

    /** How many functions have a history (each costs about 400 bytes). */
    public int trackedFunctions() {
        return tracks.size();
    }

    private record Due<K>(K key, Track track, PrewarmPlanner.Beat beat) {}
}
