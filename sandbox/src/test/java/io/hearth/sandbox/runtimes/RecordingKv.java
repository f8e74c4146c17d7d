package io.hearth.sandbox.runtimes;

import io.hearth.model.HearthException;
import io.hearth.model.KvEntry;
import io.hearth.runtimeapi.KvGateway;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link KvGateway} that records every call with the function and request id the
 * Runtime API attributed it to. Namespace null is the function's own ({@code "fn:<name>"}). A key
 * named {@code "bad"} is refused as bad input, as a store refuses an invalid key.
 */
final class RecordingKv implements KvGateway {
    record Call(String op, String function, String requestId, String namespace, String key) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, KvEntry> entries = new ConcurrentSkipListMap<>();

    private String record(String op, String function, String requestId, String namespace, String key) {
        calls.add(new Call(op, function, requestId, namespace, key));
        if ("bad".equals(key)) throw HearthException.invalid("Key 'bad' is not allowed");
        return namespace == null ? "fn:" + function : namespace;
    }

    /** The stored text of {@code key} in {@code namespace}, or null. */
    String stored(String namespace, String key) {
        KvEntry e = entries.get(namespace + "\0" + key);
        return e == null || e.deleted() ? null : new String(e.value(), StandardCharsets.UTF_8);
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
        return entries.compute(ns + "\0" + key, (k, old) ->
                new KvEntry(ns, key, value, old == null ? 1 : old.version() + 1, Instant.EPOCH)).version();
    }

    @Override
    public List<KvEntry> list(String function, String requestId, String namespace, String prefix, String afterKey,
                              int limit) {
        String ns = record("list", function, requestId, namespace, prefix);
        var out = new ArrayList<KvEntry>();
        for (KvEntry e : entries.values()) {
            if (out.size() == limit) break;
            if (!e.namespace().equals(ns) || !e.key().startsWith(prefix)) continue;
            if (afterKey == null || e.key().compareTo(afterKey) > 0) out.add(e);
        }
        return out;
    }
}
