package io.hearth.runtimeapi;

import io.hearth.model.HearthException;
import io.hearth.model.KvEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link KvGateway} that records every call. Namespace null is the function's own
 * ({@code "fn:<name>"}). A key named {@code "bad"} is refused as bad input, {@code "boom"} fails
 * as the store would; with {@link #hold} set, calls wait until it is counted down.
 */
final class FakeKv implements KvGateway {
    record Call(String op, String function, String requestId, String namespace, String key) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger waiting = new AtomicInteger();
    volatile CountDownLatch hold;
    private final Map<String, KvEntry> entries = new ConcurrentSkipListMap<>();

    private String record(String op, String function, String requestId, String namespace, String key) {
        calls.add(new Call(op, function, requestId, namespace, key));
        CountDownLatch latch = hold;
        if (latch != null) {
            waiting.incrementAndGet();
            try {
                if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("held too long");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if ("bad".equals(key)) throw HearthException.invalid("Key 'bad' is not allowed");
        if ("boom".equals(key)) throw new IllegalStateException("disk on fire");
        return namespace == null ? "fn:" + function : namespace;
    }

    @Override
    public Optional<KvEntry> get(String function, String requestId, String namespace, String key) {
        String ns = record("get", function, requestId, namespace, key);
        return Optional.ofNullable(entries.get(ns + "\0" + key));
    }

    @Override
    public long put(String function, String requestId, String namespace, String key, byte[] value) {
        return write("put", function, requestId, namespace, key, value);
    }

    @Override
    public long delete(String function, String requestId, String namespace, String key) {
        return write("delete", function, requestId, namespace, key, null);
    }

    private long write(String op, String function, String requestId, String namespace, String key, byte[] value) {
        String ns = record(op, function, requestId, namespace, key);
        KvEntry next = entries.compute(ns + "\0" + key, (k, old) ->
                new KvEntry(ns, key, value, old == null ? 1 : old.version() + 1, Instant.EPOCH));
        return next.version();
    }

    @Override
    public List<KvEntry> list(String function, String requestId, String namespace, String prefix, String afterKey,
                              int limit) {
        String ns = record("list", function, requestId, namespace, prefix);
        var out = new ArrayList<KvEntry>();
        for (KvEntry e : entries.values()) {
            if (!e.namespace().equals(ns) || !e.key().startsWith(prefix)) continue;
            if (afterKey != null && e.key().compareTo(afterKey) <= 0) continue;
            if (out.size() == limit) break;
            out.add(e);
        }
        return out;
    }
}
