package io.hearth.engine.prediction;

/**
 * A function found to be called periodically.
 *
 * @param periodMillis      the estimated period: total time over total beats of the fitting gaps
 * @param lastArrivalMillis the last recorded arrival, which the next beats are counted from
 * @param jitterMillis      the largest deviation of a fitting gap from its multiple of the period
 * @param beats             how many of the newest gaps fit the period (≥ 3)
 * @param confidence        the share of the newest 8 gaps that fit, in [0, 1] (a young history
 *                          counts its missing gaps as not fitting)
 */
public record Period(long periodMillis, long lastArrivalMillis, long jitterMillis, int beats, double confidence) {

    public Period {
        if (periodMillis < 1) throw new IllegalArgumentException("period must be ≥ 1 ms");
        if (jitterMillis < 0) throw new IllegalArgumentException("jitter must be ≥ 0");
    }

    /** When the {@code n}-th beat after the last arrival is expected ({@code n ≥ 1}). */
    public long expectedMillis(int n) {
        return lastArrivalMillis + n * periodMillis;
    }

    /** When the next call is expected: the last arrival plus one period. */
    public long nextExpectedMillis() {
        return expectedMillis(1);
    }
}
