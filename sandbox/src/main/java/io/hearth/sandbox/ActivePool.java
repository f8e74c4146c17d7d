package io.hearth.sandbox;

import io.hearth.model.FunctionVersion;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.ToLongFunction;

/**
 * Idle warm sandboxes, per function version ({@link io.hearth.model.FunctionVersion#sandboxKey()}).
 * Most recently used first: a burst reuses the warmest sandboxes and the rest age out by
 * keep-alive. A sandbox is in at most one deque, and whoever removes it from there owns it.
 */
public final class ActivePool {
    private final ConcurrentHashMap<String, Deque<Sandbox>> idle = new ConcurrentHashMap<>();

    /** An idle READY sandbox of this version, now owned by the caller; null if none. */
    public Sandbox take(String key) {
        Deque<Sandbox> d = idle.get(key);
        if (d == null) return null;
        Sandbox s;
        while ((s = d.pollFirst()) != null) {
            if (s.state() == SandboxState.READY) return s;
        }
        return null;
    }

    /** Returns a sandbox after an invocation; stopped ones are dropped. */
    public void offer(Sandbox s, long nowMillis) {
        if (s.state() != SandboxState.READY) return;
        s.markIdle(nowMillis);
        idle.computeIfAbsent(s.version().sandboxKey(), k -> new ConcurrentLinkedDeque<>()).addFirst(s);
    }

    /** Forgets a sandbox that stopped while idle (a generic one was never here). */
    public void remove(Sandbox s) {
        FunctionVersion v = s.version();
        if (v == null) return;
        Deque<Sandbox> d = idle.get(v.sandboxKey());
        if (d != null) d.remove(s);
    }

    /** Removes and returns idle sandboxes unused since {@code keepAliveMillis}. */
    public List<Sandbox> expired(long nowMillis, long keepAliveMillis) {
        return expired(nowMillis, s -> keepAliveMillis);
    }

    /**
     * Removes and returns idle sandboxes unused for longer than their own keep-alive; asks
     * {@code keepAlive} once per version (all sandboxes of one version share it).
     */
    public List<Sandbox> expired(long nowMillis, ToLongFunction<Sandbox> keepAlive) {
        var out = new ArrayList<Sandbox>();
        for (Deque<Sandbox> d : idle.values()) {
            Sandbox oldest = d.peekLast();
            if (oldest == null) continue;
            long keep = keepAlive.applyAsLong(oldest);
            Iterator<Sandbox> it = d.descendingIterator();
            while (it.hasNext()) {
                Sandbox s = it.next();
                if (nowMillis - s.idleSinceMillis() >= keep && d.removeLastOccurrence(s)) out.add(s);
            }
        }
        idle.entrySet().removeIf(e -> e.getValue().isEmpty());
        return out;
    }

    /** Takes {@code s} out of the pool if it is idle there; true when the caller now owns it. */
    public boolean withdraw(Sandbox s) {
        FunctionVersion v = s.version();
        if (v == null) return false;
        Deque<Sandbox> d = idle.get(v.sandboxKey());
        return d != null && d.remove(s);
    }

    /** The most recently used idle sandbox of this version, left in the pool; null if none. */
    public Sandbox peek(String key) {
        Deque<Sandbox> d = idle.get(key);
        return d == null ? null : d.peekFirst();
    }

    /**
     * Removes and returns every idle sandbox whose snapshot key starts with {@code keyPrefix}:
     * {@code "NAME:"} (a function deleted), {@code "NAME:$LATEST:"} (its code or configuration
     * changed), {@code "NAME:7:"} (a version deleted).
     */
    public List<Sandbox> retire(String keyPrefix) {
        var out = new ArrayList<Sandbox>();
        String prefix = keyPrefix;
        for (var e : idle.entrySet()) {
            if (!e.getKey().startsWith(prefix)) continue;
            Sandbox s;
            while ((s = e.getValue().pollFirst()) != null) out.add(s);
        }
        return out;
    }

    /** Removes and returns the least recently used idle sandbox of any function, or null. */
    public Sandbox evictOldest() {
        Sandbox oldest = null;
        Deque<Sandbox> from = null;
        for (Deque<Sandbox> d : idle.values()) {
            Sandbox s = d.peekLast();
            if (s != null && (oldest == null || s.idleSinceMillis() < oldest.idleSinceMillis())) {
                oldest = s;
                from = d;
            }
        }
        return oldest != null && from.removeLastOccurrence(oldest) ? oldest : null;
    }

    public int idleCount() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }
}
