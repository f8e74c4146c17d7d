package io.hearth.engine.idempotency;

import java.util.concurrent.atomic.AtomicLong;

/** At most {@code perSecond} takes in each clock second; lock-free, for hot paths. */
final class PerSecondBudget {
    private final int perSecond;
    /** High 32 bits: the second; low 32 bits: takes in it. */
    private final AtomicLong state = new AtomicLong();

    PerSecondBudget(int perSecond) {
        this.perSecond = perSecond;
    }

    boolean tryTake(long nowMillis) {
        long second = nowMillis / 1000;
        while (true) {
            long s = state.get();
            long taken = (s >>> 32) == (second & 0xFFFFFFFFL) ? (s & 0xFFFFFFFFL) : 0;
            if (taken >= perSecond) return false;
            long next = ((second & 0xFFFFFFFFL) << 32) | (taken + 1);
            if (state.compareAndSet(s, next)) return true;
        }
    }
}
