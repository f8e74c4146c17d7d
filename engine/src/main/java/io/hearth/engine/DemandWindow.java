package io.hearth.engine;

/**
 * How many events (warming-pool requests) happened in the last {@link #SECONDS} seconds: one
 * counter per second of a ring, stale seconds cleared as time moves on. Synchronized: it is
 * touched only on cold starts and once a second.
 */
final class DemandWindow {
    static final int SECONDS = 10;

    private final int[] counts = new int[SECONDS];
    private final long[] seconds = new long[SECONDS];

    synchronized void record(long nowMillis) {
        long second = nowMillis / 1000;
        int slot = (int) Math.floorMod(second, (long) SECONDS);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    synchronized int count(long nowMillis) {
        long second = nowMillis / 1000;
        int total = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (second - seconds[i] < SECONDS && seconds[i] <= second) total += counts[i];
        }
        return total;
    }
}
