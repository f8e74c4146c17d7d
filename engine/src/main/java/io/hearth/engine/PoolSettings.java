package io.hearth.engine;

import io.hearth.engine.prediction.PredictionConfig;
import java.time.Duration;

/**
 * How the node keeps sandboxes ahead of demand: the warming pool's bounds, the range of the
 * adaptive keep-alive, and predictive pre-warming.
 *
 * @param warmingMin   generic sandboxes each pooled runtime family (python, node) keeps ready at least
 * @param warmingMax   at most (the pool grows toward it with the recent rate of cold starts); 0 disables
 *                     the pool whatever the minimum
 * @param keepAliveMin the shortest adaptive keep-alive (a rarely called function's); null: 1 minute, or
 *                     the configured keep-alive when that is shorter
 * @param keepAliveMax the longest; null: 15 minutes, or the configured keep-alive when that is longer
 * @param prewarm      whether periodic functions get a sandbox ready before their next expected call
 * @param prewarmMax   pre-warmed sandboxes waiting for their call at once on the node
 */
public record PoolSettings(int warmingMin, int warmingMax, Duration keepAliveMin, Duration keepAliveMax,
                           boolean prewarm, int prewarmMax) {
    public PoolSettings {
        if (warmingMin < 0) throw new IllegalArgumentException("warming pool minimum must be ≥ 0, got " + warmingMin);
        if (warmingMax < 0) throw new IllegalArgumentException("warming pool maximum must be ≥ 0, got " + warmingMax);
        if (warmingMax > 0 && warmingMax < warmingMin) {
            throw new IllegalArgumentException("warming pool maximum (" + warmingMax + ") must be ≥ its minimum ("
                    + warmingMin + ")");
        }
        if (prewarmMax < 1) throw new IllegalArgumentException("prewarm-max must be ≥ 1, got " + prewarmMax);
    }

    /** A warming pool of {@code min}..{@code max} and the default keep-alive range and pre-warming. */
    public PoolSettings(int warmingMin, int warmingMax) {
        this(warmingMin, warmingMax, null, null, true, PredictionConfig.DEFAULT_PREWARM_MAX);
    }

    /** Two ready sandboxes per family, up to 16 under a burst of cold starts; pre-warming on. */
    public static PoolSettings defaults() {
        return new PoolSettings(2, 16);
    }

    /** No warming pool: every cold start starts a process. */
    public static PoolSettings disabled() {
        return new PoolSettings(0, 0);
    }

    public PoolSettings withKeepAliveRange(Duration min, Duration max) {
        return new PoolSettings(warmingMin, warmingMax, min, max, prewarm, prewarmMax);
    }

    public PoolSettings withPrewarm(boolean on, int max) {
        return new PoolSettings(warmingMin, warmingMax, keepAliveMin, keepAliveMax, on, max);
    }

    /**
     * The prediction settings around {@code keepAlive} (the keep-alive of a function with no history yet).
     *
     * @throws IllegalArgumentException when min ≤ keep-alive ≤ max does not hold
     */
    public PredictionConfig prediction(Duration keepAlive) {
        var base = PredictionConfig.defaults(keepAlive);
        return base.withKeepAlive(keepAliveMin != null ? keepAliveMin : base.keepAliveMin(),
                keepAliveMax != null ? keepAliveMax : base.keepAliveMax()).withPrewarm(prewarm, prewarmMax);
    }
}
