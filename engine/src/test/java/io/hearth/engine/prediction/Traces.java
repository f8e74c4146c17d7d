package io.hearth.engine.prediction;

import java.util.Arrays;
import java.util.Random;

/** Deterministic arrival traces (clock millis, oldest first) for the prediction tests. */
final class Traces {
    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private Traces() {}

    /** {@code n} calls every {@code period}, each moved by a uniform jitter in ±{@code jitter}. */
    static long[] periodic(long start, long period, long jitter, int n, long seed) {
        var random = new Random(seed);
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long shift = jitter == 0 ? 0 : random.nextLong(-jitter, jitter + 1);
            t[i] = start + i * period + shift;
        }
        return t;
    }

    /** {@code n} calls of a Poisson process: exponential gaps of mean {@code mean} (at least 1 ms). */
    static long[] poisson(long start, long mean, int n, long seed) {
        var random = new Random(seed);
        long[] t = new long[n];
        long now = start;
        for (int i = 0; i < n; i++) {
            now += Math.max(1, Math.round(-mean * Math.log(1 - random.nextDouble())));
            t[i] = now;
        }
        return t;
    }

    /** {@code bursts} bursts, every {@code every}: {@code calls} calls {@code spacing} apart each. */
    static long[] bursts(long start, long every, int bursts, int calls, long spacing) {
        long[] t = new long[bursts * calls];
        for (int b = 0; b < bursts; b++) {
            for (int c = 0; c < calls; c++) t[b * calls + c] = start + b * every + c * spacing;
        }
        return t;
    }

    /** The gaps a history would hold after {@code arrivals}: those between the last 32. */
    static long[] gapsOf(long[] arrivals) {
        long[] tail = Arrays.copyOfRange(arrivals, Math.max(0, arrivals.length - ArrivalHistory.CAPACITY),
                arrivals.length);
        return ArrivalHistory.gaps(tail);
    }
}
