package io.hearth.engine;

import io.hearth.engine.prediction.PredictionConfig;
import io.hearth.model.FunctionConfig;
import java.time.Duration;
import java.util.List;

/**
 * How the node keeps sandboxes ahead of demand: the warming pool's bounds, the range of the
 * adaptive keep-alive, and predictive pre-warming.
 *
 * @param warmingMin   generic sandboxes each pooled runtime family (python, node; java per listed memory size)
 *                     keeps ready at least
 * @param warmingMax   at most (the pool grows toward it with the recent rate of cold starts); 0 disables
 *                     the pool whatever the minimum
 * @param keepAliveMin the shortest adaptive keep-alive (a rarely called function's); null: 1 minute, or
 *                     the configured keep-alive when that is shorter
 * @param keepAliveMax the longest; null: 15 minutes, or the configured keep-alive when that is longer
 * @param prewarm      whether periodic functions get a sandbox ready before their next expected call
 * @param prewarmMax   pre-warmed sandboxes waiting for their call at once on the node
 * @param javaLanes    memory sizes (MB) whose generic JVMs the warming pool keeps at {@code warmingMin}; a JVM's
 *                     heap is fixed at start, so Java is pooled per memory size, and other sizes get a lane on their
 *                     first cold start, sized by demand alone (minimum 0)
 */
public record PoolSettings(int warmingMin, int warmingMax, Duration keepAliveMin, Duration keepAliveMax,
                           boolean prewarm, int prewarmMax, List<Integer> javaLanes) {
    /** The Java lanes kept ready by default: 512 MB, a common size for Java functions. */
    public static final List<Integer> DEFAULT_JAVA_LANES = List.of(512);

    public PoolSettings {
        if (warmingMin < 0) throw new IllegalArgumentException("warming pool minimum must be ≥ 0, got " + warmingMin);
        if (warmingMax < 0) throw new IllegalArgumentException("warming pool maximum must be ≥ 0, got " + warmingMax);
        if (warmingMax > 0 && warmingMax < warmingMin) {
            throw new IllegalArgumentException("warming pool maximum (" + warmingMax + ") must be ≥ its minimum ("
                    + warmingMin + ")");
        }
        if (prewarmMax < 1) throw new IllegalArgumentException("prewarm-max must be ≥ 1, got " + prewarmMax);
        javaLanes = List.copyOf(javaLanes);
        for (int mb : javaLanes) {
            if (mb < FunctionConfig.MIN_MEMORY || mb > FunctionConfig.MAX_MEMORY) {
                throw new IllegalArgumentException("warm-pool-java-memory must list memory sizes between "
                        + FunctionConfig.MIN_MEMORY + " and " + FunctionConfig.MAX_MEMORY + " MB, got " + mb);
            }
        }
        if (javaLanes.stream().distinct().count() != javaLanes.size()) {
            throw new IllegalArgumentException("warm-pool-java-memory lists a memory size twice: " + javaLanes);
        }
    }

    /** Settings with the default Java lanes ({@link #DEFAULT_JAVA_LANES}). */
    public PoolSettings(int warmingMin, int warmingMax, Duration keepAliveMin, Duration keepAliveMax, boolean prewarm,
                        int prewarmMax) {
        this(warmingMin, warmingMax, keepAliveMin, keepAliveMax, prewarm, prewarmMax, DEFAULT_JAVA_LANES);
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
        return new PoolSettings(warmingMin, warmingMax, min, max, prewarm, prewarmMax, javaLanes);
    }

    public PoolSettings withPrewarm(boolean on, int max) {
        return new PoolSettings(warmingMin, warmingMax, keepAliveMin, keepAliveMax, on, max, javaLanes);
    }

    /** These memory sizes (MB) as the Java lanes kept at the minimum; empty: Java lanes only on demand. */
    public PoolSettings withJavaLanes(List<Integer> memoryMb) {
        return new PoolSettings(warmingMin, warmingMax, keepAliveMin, keepAliveMax, prewarm, prewarmMax, memoryMb);
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
