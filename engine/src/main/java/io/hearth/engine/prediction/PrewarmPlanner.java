package io.hearth.engine.prediction;

import java.util.Optional;

/**
 * When a periodic function's next call should find a pre-warmed sandbox. A pure function of the
 * detected {@link Period}, the function's keep-alive and the clock.
 *
 * <p>Algorithm. The arrival window of beat {@code n} is {@code expected ± w}, expected = last
 * arrival + n·P, and w = clamp(1.5 × jitter, 1 s, tolerance(P)): wide enough for the jitter seen
 * so far. A sandbox is asked for at {@code expected − w − lead} (lead = the time allowed to start
 * one) and released at {@code expected + w} if no call came. So a pre-warmed sandbox waits at most
 * {@code lead + 2w}; a function whose wait would exceed {@code prewarmMaxHold} is too irregular and
 * is not pre-warmed. No beat is planned when the sandbox kept warm since the last call outlives the
 * window anyway (keep-alive already covers the period). After a beat whose window passed (missed,
 * or already predicted) the next one is planned, up to {@value #MAX_BEATS_AHEAD} beats after the
 * last arrival: a function that stopped being called costs at most that many pre-warms.
 *
 * <p>Example (lead 2 s): period 30 min with ±1 s jitter → gap jitter ≤ 2 s → w = 3 s; the sandbox
 * is asked for 5 s before the expected call and released 3 s after it; it waits ≤ 8 s.
 */
final class PrewarmPlanner {
    static final int MAX_BEATS_AHEAD = 3;
    static final long WINDOW_FLOOR_MILLIS = 1_000;
    static final double WINDOW_PER_JITTER = 1.5;

    /** One planned beat: ask for a sandbox at {@code prewarmAtMillis}, give up at {@code releaseAtMillis}. */
    record Beat(long expectedMillis, long prewarmAtMillis, long releaseAtMillis) {}

    private final long leadMillis;
    private final long maxHoldMillis;

    PrewarmPlanner(long leadMillis, long maxHoldMillis) {
        this.leadMillis = leadMillis;
        this.maxHoldMillis = maxHoldMillis;
    }

    static PrewarmPlanner of(PredictionConfig c) {
        return new PrewarmPlanner(c.prewarmLead().toMillis(), c.prewarmMaxHold().toMillis());
    }

    /** Half the width of the window around an expected call. */
    static long windowMillis(Period p) {
        long byJitter = Math.round(WINDOW_PER_JITTER * p.jitterMillis());
        return Math.clamp(byJitter, WINDOW_FLOOR_MILLIS, PeriodDetector.toleranceMillis(p.periodMillis()));
    }

    /**
     * The beat to pre-warm for at {@code nowMillis}, if one is due: its window has not passed, it
     * was not planned before (expected after {@code lastPlannedMillis}), keep-alive does not cover
     * it, and its pre-warm time has come.
     */
    Optional<Beat> due(Period p, long keepAliveMillis, long lastPlannedMillis, long nowMillis) {
        long w = windowMillis(p);
        if (leadMillis + 2 * w > maxHoldMillis) return Optional.empty();
        for (int n = 1; n <= MAX_BEATS_AHEAD; n++) {
            long expected = p.expectedMillis(n);
            if (expected + w < nowMillis || expected <= lastPlannedMillis) continue;
            if (expected + w - p.lastArrivalMillis() <= keepAliveMillis) return Optional.empty();
            long prewarmAt = expected - w - leadMillis;
            if (nowMillis < prewarmAt) return Optional.empty();
            return Optional.of(new Beat(expected, prewarmAt, expected + w));
        }
        return Optional.empty();
    }
}
