package io.hearth.engine;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One handover of traffic from warm sandboxes of some snapshots ({@code sources}) to sandboxes of a
 * {@code target} snapshot that are being started. Pure bookkeeping over sandbox handles {@code S};
 * {@link Handovers} starts the sandboxes and decides what happens to the sources afterwards.
 *
 * <p>States, every other transition refused: PREPARING (registered before the name moves, so the
 * first request for the target already finds it) → WARMING (the target's sandboxes are starting)
 * → SWITCHED (all of them ready or failed); PREPARING → ABANDONED (the move did not happen).
 * While PREPARING or WARMING, a request for the target that found no idle target sandbox is given
 * an idle source sandbox, else one of the target's that is ready already. Target sandboxes that
 * become ready are held back ({@code staged}) and enter the pool together at the switch, under
 * {@code lock}: a request that saw the switch sees all of them, so once a caller has been served
 * by the new code it is not sent back to the old code. {@code lock} guards the switch only; it is
 * never held across I/O.
 */
final class Handover<S> {
    enum State { PREPARING, WARMING, SWITCHED, ABANDONED }

    /** The idle pool the handover takes from and returns to. */
    interface Pool<S> {
        /** An idle ready sandbox of {@code key}, now the caller's; or null. */
        S take(String key);

        /** Puts a ready sandbox into the idle pool (a stopped one is dropped). */
        void offer(S sandbox);

        /** Whether the sandbox can still run an invocation. */
        boolean ready(S sandbox);
    }

    private final String target;
    private final List<String> sources;
    private final long toWarm;
    private final Pool<S> pool;
    private final ConcurrentLinkedDeque<S> staged = new ConcurrentLinkedDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile State state = State.PREPARING;

    /** A handover to {@code target}, which starts {@code toWarm} sandboxes, served meanwhile by {@code sources}. */
    Handover(String target, List<String> sources, long toWarm, Pool<S> pool) {
        if (toWarm < 1) throw new IllegalArgumentException("a handover warms at least one sandbox: " + toWarm);
        if (sources.contains(target)) throw new IllegalArgumentException("a snapshot cannot stand in for itself");
        this.target = target;
        this.sources = List.copyOf(sources);
        this.toWarm = toWarm;
        this.pool = pool;
    }

    String target() {
        return target;
    }

    List<String> sources() {
        return sources;
    }

    long toWarm() {
        return toWarm;
    }

    State state() {
        return state;
    }

    /** PREPARING or WARMING: the sources still stand in for the target. */
    boolean live() {
        State s = state;
        return s == State.PREPARING || s == State.WARMING;
    }

    /** Whether idle sandboxes of {@code key} still stand in for the target. */
    boolean serves(String key) {
        return live() && sources.contains(key);
    }

    /**
     * A sandbox (now the caller's) for a request for the target that found no idle target sandbox:
     * while live, an idle source sandbox, else a ready target one held back; once switched, an idle
     * target sandbox (after the switch has put them all in the pool); else null.
     */
    S fallback() {
        State s = state;
        if (s == State.PREPARING || s == State.WARMING) {
            for (String key : sources) {
                S old = pool.take(key);
                if (old != null) return old;
            }
            return pollStaged();   // no old one idle: a new one that is ready beats a cold start
        }
        if (s == State.SWITCHED) {
            lock.lock();   // waits for the switch to finish putting the new sandboxes in the pool
            try {
                return pool.take(target);
            } finally {
                lock.unlock();
            }
        }
        return null;
    }

    /** The move happened: the target's sandboxes are being started. */
    void warming() {
        move(State.PREPARING, State.WARMING);
    }

    /** The move did not happen. */
    void abandon() {
        move(State.PREPARING, State.ABANDONED);
    }

    /** A target sandbox is ready: held back until the switch (or pooled at once when the handover is over). */
    void ready(S sandbox) {
        lock.lock();
        try {
            if (state == State.WARMING) {
                staged.addLast(sandbox);
                return;
            }
        } finally {
            lock.unlock();
        }
        pool.offer(sandbox);
    }

    /** Every target sandbox is ready or failed: they enter the pool together and the sources stop standing in. */
    void switchOver() {
        lock.lock();
        try {
            move(State.WARMING, State.SWITCHED);
            S s;
            while ((s = staged.pollFirst()) != null) pool.offer(s);
        } finally {
            lock.unlock();
        }
    }

    private S pollStaged() {
        S s;
        while ((s = staged.pollFirst()) != null) {
            if (pool.ready(s)) return s;
        }
        return null;
    }

    private void move(State from, State to) {
        lock.lock();
        try {
            if (state != from) {
                throw new IllegalStateException("handover to " + target + ": cannot go to " + to + " from " + state
                        + " (only from " + from + ")");
            }
            state = to;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Handover[" + sources + " -> " + target + ", " + state + "]";
    }
}
