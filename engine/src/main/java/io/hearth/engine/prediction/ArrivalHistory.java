package io.hearth.engine.prediction;

import java.util.Arrays;

/**
 * The recent arrival times of one function: a ring of the last {@value #CAPACITY} recorded
 * arrivals (clock millis), sampled so that recorded arrivals are at least {@code sampleMillis}
 * apart.
 *
 * <p>Hot path: {@link #record} runs on every invocation. An arrival within {@code sampleMillis}
 * of the last recorded one costs one volatile read and returns; so a function called thousands of
 * times a second touches the ring at most once per sample interval. Only a recorded arrival takes
 * this object's monitor, briefly, to write one slot; nothing allocates. Concurrent callers that
 * pass the first check at the same moment re-check under the monitor, so exactly one records.
 * Arrivals that appear out of order (clock reads of racing threads) are dropped.
 *
 * <p>Readers ({@link #snapshot}) copy the ring under the monitor; each recorded arrival bumps
 * {@link #version}, so analysis of the history can be cached until it changes.
 */
final class ArrivalHistory {
    static final int CAPACITY = 32;
    private static final long NONE = Long.MIN_VALUE;

    private final long sampleMillis;
    private volatile long lastRecorded = NONE;
    private volatile long version;
    /** Guarded by {@code this}. */
    private final long[] ring = new long[CAPACITY];
    private int size;
    private int next;

    ArrivalHistory(long sampleMillis) {
        if (sampleMillis < 1) throw new IllegalArgumentException("sampleMillis must be ≥ 1");
        this.sampleMillis = sampleMillis;
    }

    /** Notes an arrival at {@code nowMillis}; true if it was recorded (not sampled out). */
    boolean record(long nowMillis) {
        long last = lastRecorded;
        if (last != NONE && nowMillis - last < sampleMillis) return false;
        synchronized (this) {
            last = lastRecorded;
            if (last != NONE && nowMillis - last < sampleMillis) return false;
            ring[next] = nowMillis;
            next = (next + 1) % CAPACITY;
            if (size < CAPACITY) size++;
            lastRecorded = nowMillis;
            version++;
            return true;
        }
    }

    /** The recorded arrivals (oldest first, a copy) and the version they are. */
    record Snapshot(long version, long[] arrivals) {}

    synchronized Snapshot snapshot() {
        long[] out = new long[size];
        int start = (next - size + CAPACITY) % CAPACITY;
        for (int i = 0; i < size; i++) out[i] = ring[(start + i) % CAPACITY];
        return new Snapshot(version, out);
    }

    /** Changes whenever an arrival is recorded. */
    long version() {
        return version;
    }

    /** The last recorded arrival, or {@link Long#MIN_VALUE} if none. */
    long lastRecordedMillis() {
        return lastRecorded;
    }

    /** The gaps between consecutive arrivals of {@code arrivals} (oldest first). */
    static long[] gaps(long[] arrivals) {
        if (arrivals.length < 2) return new long[0];
        long[] g = new long[arrivals.length - 1];
        for (int i = 1; i < arrivals.length; i++) g[i - 1] = arrivals[i] - arrivals[i - 1];
        return g;
    }

    @Override
    public String toString() {
        return "ArrivalHistory" + Arrays.toString(snapshot().arrivals());
    }
}
