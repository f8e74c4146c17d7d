package io.hearth.engine;

import io.hearth.model.HearthException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many invocations run at once on this node: a permit now, or a 429 now — never a
 * queue. A function with reserved concurrency draws from its own pool of that size (0 throttles
 * it entirely); every other function shares what the reservations leave of the node's limit.
 * Sync invokes are refused; the event dispatcher only takes work when a permit is free.
 */
final class Admission {
    static final String NODE_LIMIT = "ConcurrentInvocationLimitExceeded";
    static final String FUNCTION_LIMIT = "ReservedFunctionConcurrentInvocationLimitExceeded";

    /** A held permit; release it exactly once. */
    interface Permit {
        void release();
    }

    /** A semaphore whose size can shrink while permits are out. */
    private static final class Pool extends Semaphore {
        Pool(int permits) {
            super(permits);
        }

        void shrink(int n) {
            reducePermits(n);
        }
    }

    private final int limit;
    private final int minimumUnreserved;
    private final Pool unreserved;
    private final ConcurrentHashMap<String, Pool> reserved = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> reservations = new ConcurrentHashMap<>();

    Admission(int limit) {
        this.limit = limit;
        this.minimumUnreserved = Math.max(1, (limit + 9) / 10);
        this.unreserved = new Pool(limit);
    }

    /** Takes a permit for {@code function} or throws TooManyRequestsException. */
    Permit acquire(String function) {
        Pool own = reserved.get(function);
        Pool pool = own != null ? own : unreserved;
        if (!pool.tryAcquire()) {
            throw HearthException.throttled(own != null ? FUNCTION_LIMIT : NODE_LIMIT, "Rate Exceeded.", 1);
        }
        return pool::release;
    }

    /** A permit for {@code function}, or null when its pool is full. */
    Permit tryAcquire(String function) {
        Pool own = reserved.get(function);
        Pool pool = own != null ? own : unreserved;
        return pool.tryAcquire() ? pool::release : null;
    }

    /**
     * Sets {@code function}'s reservation; refuses one that would leave the other functions fewer
     * than the minimum unreserved share (10% of the node's limit, at least 1).
     */
    synchronized void reserve(String function, int n) {
        int current = reservations.getOrDefault(function, 0);
        int total = reservedTotal() - current + n;
        if (limit - total < minimumUnreserved) {
            throw HearthException.invalid("Specified ReservedConcurrentExecutions for function decreases account's "
                    + "UnreservedConcurrentExecution below its minimum value of [" + minimumUnreserved + "].");
        }
        int delta = n - current;
        if (delta > 0) unreserved.shrink(delta);
        else if (delta < 0) unreserved.release(-delta);
        reservations.put(function, n);
        reserved.put(function, new Pool(n));   // permits out of an older pool go back to it
    }

    synchronized void unreserve(String function) {
        Integer current = reservations.remove(function);
        if (current == null) return;
        reserved.remove(function);
        if (current > 0) unreserved.release(current);
    }

    /** Loads stored reservations at start. */
    void restore(Map<String, Integer> stored) {
        stored.forEach(this::reserve);
    }

    int limit() {
        return limit;
    }

    int unreservedLimit() {
        return limit - reservedTotal();
    }

    int inUse() {
        int used = unreservedLimit() - unreserved.availablePermits();
        for (var e : reserved.entrySet()) used += reservations.getOrDefault(e.getKey(), 0) - e.getValue().availablePermits();
        return used;
    }

    private int reservedTotal() {
        return reservations.values().stream().mapToInt(Integer::intValue).sum();
    }
}
