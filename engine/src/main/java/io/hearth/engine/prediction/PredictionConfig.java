package io.hearth.engine.prediction;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of adaptive keep-alive and predictive pre-warming, validated at construction (a bad
 * value fails fast; nothing is clamped).
 *
 * <table>
 *   <caption>keys and defaults</caption>
 *   <tr><th>field</th><th>suggested flag</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>keepAliveDefault</td><td>{@code --keep-alive}</td><td>10m</td>
 *       <td>keep-alive of a function with too little history to adapt (fewer than 2 recorded gaps)</td></tr>
 *   <tr><td>keepAliveMin</td><td>{@code --keep-alive-min}</td><td>1m (or --keep-alive if shorter)</td>
 *       <td>the shortest keep-alive: a rarely called function keeps its sandbox this long</td></tr>
 *   <tr><td>keepAliveMax</td><td>{@code --keep-alive-max}</td><td>15m (or --keep-alive if longer)</td>
 *       <td>the longest keep-alive, however regular the calls</td></tr>
 *   <tr><td>prewarm</td><td>{@code --prewarm on|off}</td><td>on</td><td>pre-warm periodic functions</td></tr>
 *   <tr><td>prewarmMax</td><td>{@code --prewarm-max}</td><td>16</td>
 *       <td>pre-warmed sandboxes waiting for their call at once, on the whole node</td></tr>
 *   <tr><td>prewarmLead</td><td>{@code --prewarm-lead}</td><td>2s</td>
 *       <td>time allowed to start and warm a sandbox: it is asked for this long before the
 *           expected call's window opens</td></tr>
 *   <tr><td>prewarmMaxHold</td><td>{@code --prewarm-max-hold}</td><td>2m</td>
 *       <td>a function is pre-warmed only if a pre-warmed sandbox would wait at most this long
 *           (lead + the whole arrival window); more jittery functions are not pre-warmed</td></tr>
 * </table>
 */
public record PredictionConfig(Duration keepAliveDefault, Duration keepAliveMin, Duration keepAliveMax,
                               boolean prewarm, int prewarmMax, Duration prewarmLead, Duration prewarmMaxHold) {

    public static final Duration DEFAULT_KEEP_ALIVE_MIN = Duration.ofMinutes(1);
    public static final Duration DEFAULT_KEEP_ALIVE_MAX = Duration.ofMinutes(15);
    public static final int DEFAULT_PREWARM_MAX = 16;
    public static final Duration DEFAULT_PREWARM_LEAD = Duration.ofSeconds(2);
    public static final Duration DEFAULT_PREWARM_MAX_HOLD = Duration.ofMinutes(2);

    public PredictionConfig {
        positive("keep-alive", keepAliveDefault);
        positive("keep-alive-min", keepAliveMin);
        positive("keep-alive-max", keepAliveMax);
        positive("prewarm-lead", prewarmLead);
        positive("prewarm-max-hold", prewarmMaxHold);
        if (keepAliveMin.compareTo(keepAliveDefault) > 0 || keepAliveDefault.compareTo(keepAliveMax) > 0) {
            throw new IllegalArgumentException("keep-alive-min (" + keepAliveMin + ") ≤ keep-alive (" + keepAliveDefault
                    + ") ≤ keep-alive-max (" + keepAliveMax + ") must hold");
        }
        if (prewarmMax < 1) throw new IllegalArgumentException("prewarm-max must be ≥ 1, got " + prewarmMax);
        if (prewarmLead.compareTo(prewarmMaxHold) >= 0) {
            throw new IllegalArgumentException("prewarm-lead (" + prewarmLead
                    + ") must be shorter than prewarm-max-hold (" + prewarmMaxHold + ")");
        }
    }

    /**
     * The defaults around today's fixed keep-alive: it stays the value used before a function has
     * history, and widens the min/max range if it lies outside it (so {@code --keep-alive 1s} alone
     * still gives a valid configuration).
     */
    public static PredictionConfig defaults(Duration keepAlive) {
        positive("keep-alive", keepAlive);
        Duration min = keepAlive.compareTo(DEFAULT_KEEP_ALIVE_MIN) < 0 ? keepAlive : DEFAULT_KEEP_ALIVE_MIN;
        Duration max = keepAlive.compareTo(DEFAULT_KEEP_ALIVE_MAX) > 0 ? keepAlive : DEFAULT_KEEP_ALIVE_MAX;
        return new PredictionConfig(keepAlive, min, max, true, DEFAULT_PREWARM_MAX, DEFAULT_PREWARM_LEAD,
                DEFAULT_PREWARM_MAX_HOLD);
    }

    public PredictionConfig withKeepAlive(Duration min, Duration max) {
        return new PredictionConfig(keepAliveDefault, min, max, prewarm, prewarmMax, prewarmLead, prewarmMaxHold);
    }

    public PredictionConfig withPrewarm(boolean on, int max) {
        return new PredictionConfig(keepAliveDefault, keepAliveMin, keepAliveMax, on, max, prewarmLead, prewarmMaxHold);
    }

    /**
     * How far apart two recorded arrivals of one function are at least: arrivals closer to the
     * previously recorded one are not recorded (a busy function costs one volatile read per call).
     * A quarter of the minimum keep-alive, at most 10 s: every gap shorter than this is covered by
     * the minimum keep-alive anyway, and no pre-warming is needed for a period that short.
     */
    long sampleMillis() {
        return Math.max(1, Math.min(10_000, keepAliveMin.toMillis() / 4));
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be > 0, got " + d);
    }
}
