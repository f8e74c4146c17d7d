package io.hearth.engine.prediction;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything {@link WarmPlanner} knows about one function: its arrival history, the analysis of
 * that history (cached until the history changes), and its open prediction, if any.
 *
 * <p>The open prediction is resolved exactly once, by compare-and-set: as a hit by the invoking
 * thread whose call arrives in its window, or as a miss by the tick once the window has passed.
 */
final class Track {
    /** The analysis of one version of the history. */
    record Analysis(long historyVersion, long keepAliveMillis, Optional<Period> period) {}

    /** A pre-warm made for the call expected at {@code expectedMillis}, released at {@code releaseAtMillis}. */
    record Prediction(long expectedMillis, long releaseAtMillis) {}

    final ArrivalHistory history;
    final AtomicReference<Prediction> open = new AtomicReference<>();
    private volatile Analysis analysis;
    /** The expected time of the last beat planned (made or capped); read and written by the tick only. */
    long lastPlannedMillis = Long.MIN_VALUE;

    Track(long sampleMillis) {
        this.history = new ArrivalHistory(sampleMillis);
    }

    /** The analysis of the current history (recomputed only after a new arrival was recorded). */
    Analysis analysis(KeepAlivePolicy keepAlive, PeriodDetector detector) {
        Analysis a = analysis;
        if (a != null && a.historyVersion() == history.version()) return a;
        ArrivalHistory.Snapshot s = history.snapshot();
        a = new Analysis(s.version(), keepAlive.keepAliveMillis(ArrivalHistory.gaps(s.arrivals())),
                detector.detect(s.arrivals()));
        analysis = a;
        return a;
    }

    /** Resolves the open prediction as a hit if a call at {@code nowMillis} falls in its window. */
    boolean hit(long nowMillis) {
        Prediction p = open.get();
        return p != null && nowMillis <= p.releaseAtMillis() && open.compareAndSet(p, null);
    }
}
