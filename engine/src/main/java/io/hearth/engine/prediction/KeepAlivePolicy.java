package io.hearth.engine.prediction;

import java.util.Arrays;

/**
 * How long an idle sandbox of one function stays warm, from the gaps between its recent arrivals.
 * A pure function of the gaps and three settings.
 *
 * <p>Algorithm. Fewer than {@value #MIN_GAPS} gaps: the configured default (today's fixed
 * keep-alive). Otherwise a gap {@code g} <em>needs</em> a longer keep-alive than the minimum if
 * {@code MARGIN × g > min}; a needy gap is <em>coverable</em> if {@code g < max}.
 * <ul>
 *   <li>no needy gap (the function is called at least every {@code min / MARGIN}): {@code min};</li>
 *   <li>more needy gaps beyond {@code max} than coverable ones (the function is mostly called
 *       rarely): {@code min}: waiting would hold memory and still miss most calls;</li>
 *   <li>otherwise {@code clamp(MARGIN × q90, min, max)}, q90 being the 90th percentile (nearest
 *       rank) of the coverable gaps.</li>
 * </ul>
 * Gaps shorter than the minimum are left out before the percentile so that a function called in
 * bursts (many short gaps, one long silence between bursts) is judged by its silences.
 *
 * <p>Worked example (min 60 s, max 15 min, margin 1.5): called every 30 s → no needy gap → 60 s;
 * every 4 min → 6 min; bursts every 5 min with 4 min of silence → 6 min; once a day → 60 s; every
 * 12 min → 15 min (the maximum, still longer than the gap); every 30 min → 60 s (pre-warming, not
 * keep-alive, serves it).
 */
final class KeepAlivePolicy {
    static final int MIN_GAPS = 2;
    static final double MARGIN = 1.5;
    static final double QUANTILE = 0.9;

    private final long defaultMillis;
    private final long minMillis;
    private final long maxMillis;

    KeepAlivePolicy(long defaultMillis, long minMillis, long maxMillis) {
        if (minMillis < 1 || minMillis > defaultMillis || defaultMillis > maxMillis) {
            throw new IllegalArgumentException("need 0 < min ≤ default ≤ max, got " + minMillis + ", " + defaultMillis
                    + ", " + maxMillis);
        }
        this.defaultMillis = defaultMillis;
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
    }

    static KeepAlivePolicy of(PredictionConfig c) {
        return new KeepAlivePolicy(c.keepAliveDefault().toMillis(), c.keepAliveMin().toMillis(),
                c.keepAliveMax().toMillis());
    }

    /** The keep-alive for a function whose recent inter-arrival gaps are {@code gaps}. */
    long keepAliveMillis(long[] gaps) {
        if (gaps.length < MIN_GAPS) return defaultMillis;
        long[] coverable = new long[gaps.length];
        int nCoverable = 0;
        int nBeyond = 0;
        for (long g : gaps) {
            if (MARGIN * g <= minMillis) continue;
            if (g < maxMillis) coverable[nCoverable++] = g;
            else nBeyond++;
        }
        if (nCoverable == 0 || nBeyond > nCoverable) return minMillis;
        Arrays.sort(coverable, 0, nCoverable);
        long q = coverable[(int) Math.ceil(QUANTILE * nCoverable) - 1];
        return Math.clamp(Math.round(MARGIN * q), minMillis, maxMillis);
    }

    long minMillis() {
        return minMillis;
    }
}
