package io.hearth.api;

import io.hearth.engine.KvAdmin;
import io.hearth.model.HearthException;
import io.hearth.model.KvEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory KvAdmin keeping the store's rules: every put and every delete of a live key adds
 * one to its version; a deleted key stays as a tombstone whose version lives on but which
 * {@link #get} and {@link #list} do not show; deleting a key never written answers 0 and deleting
 * a tombstone answers its version, both writing nothing. As the store, it refuses an empty key
 * (an {@code afterKey} of "" included) with InvalidParameterValueException.
 */
final class FakeKvAdmin implements KvAdmin {
    private final Clock clock;
    private final Map<String, NavigableMap<String, KvEntry>> namespaces = new HashMap<>();

    FakeKvAdmin(Clock clock) {
        this.clock = clock;
    }

    synchronized void reset() {
        namespaces.clear();
    }

    @Override
    public synchronized Optional<KvEntry> get(String namespace, String key) {
        return Optional.ofNullable(keys(namespace).get(requireKey(key))).filter(e -> !e.deleted());
    }

    @Override
    public synchronized long version(String namespace, String key) {
        KvEntry e = keys(namespace).get(key);
        return e == null ? 0 : e.version();
    }

    @Override
    public synchronized long put(String namespace, String key, byte[] value) {
        return write(namespace, requireKey(key), value.clone());
    }

    @Override
    public synchronized long delete(String namespace, String key) {
        KvEntry e = keys(namespace).get(requireKey(key));
        if (e == null) return 0;
        return e.deleted() ? e.version() : write(namespace, key, null);
    }

    @Override
    public synchronized List<KvEntry> list(String namespace, String prefix, String afterKey, int limit) {
        NavigableMap<String, KvEntry> keys = keys(namespace);
        String start = prefix == null ? "" : prefix;
        List<KvEntry> out = new ArrayList<>();
        for (KvEntry e : (afterKey == null ? keys : keys.tailMap(requireKey(afterKey), false)).values()) {
            if (out.size() == limit) break;
            if (e.key().startsWith(start) && !e.deleted()) out.add(e);
        }
        return out;
    }

    private static String requireKey(String key) {
        if (key.isEmpty()) {
            throw HearthException.invalid("1 validation error detected: Value '' at 'key' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        return key;
    }

    private long write(String namespace, String key, byte[] value) {
        long version = version(namespace, key) + 1;
        keys(namespace).put(key, new KvEntry(namespace, key, value, version, clock.instant()));
        return version;
    }

    private NavigableMap<String, KvEntry> keys(String namespace) {
        return namespaces.computeIfAbsent(namespace, n -> new TreeMap<>());
    }
}
