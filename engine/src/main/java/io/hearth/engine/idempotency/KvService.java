package io.hearth.engine.idempotency;

import io.hearth.engine.KvAdmin;
import io.hearth.model.HearthException;
import io.hearth.model.KvEntry;
import io.hearth.model.KvNamespaces;
import io.hearth.runtimeapi.KvGateway;
import io.hearth.store.KvStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key-value store as functions (through their Runtime API session) and operators (Hearth
 * API) use it. Every read a running function makes is reported to {@link TrackedReads} with the
 * version it saw. Versions are cached in memory: every write on this node goes through here and
 * updates the cache, so a version check (the idempotent hit path) needs no database read. The
 * cache is dropped whole when it grows past its bound; the store stays the truth.
 */
public final class KvService implements KvGateway, KvAdmin {
    private static final int MAX_CACHED_VERSIONS = 200_000;
    private final KvStore store;
    private final TrackedReads tracked;
    private final ConcurrentHashMap<String, Long> versions = new ConcurrentHashMap<>();

    KvService(KvStore store, TrackedReads tracked) {
        this.store = store;
        this.tracked = tracked;
    }

    // --- functions (KvGateway) -------------------------------------------------------------

    @Override
    public Optional<KvEntry> get(String functionName, String requestId, String namespace, String key) {
        String ns = KvNamespaces.resolve(functionName, namespace);
        Optional<KvEntry> entry = get(ns, key);
        long version = entry.map(KvEntry::version).orElseGet(() -> version(ns, key));
        tracked.record(requestId, DependencyUri.ofKv(namespace, key), version);
        return entry;
    }

    @Override
    public long put(String functionName, String requestId, String namespace, String key, byte[] value) {
        return put(KvNamespaces.resolve(functionName, namespace), key, value);
    }

    @Override
    public long delete(String functionName, String requestId, String namespace, String key) {
        return delete(KvNamespaces.resolve(functionName, namespace), key);
    }

    @Override
    public List<KvEntry> list(String functionName, String requestId, String namespace, String prefix, String afterKey,
                              int limit) {
        String ns = KvNamespaces.resolve(functionName, namespace);
        List<KvEntry> entries = list(ns, prefix, afterKey, limit);
        for (KvEntry e : entries) tracked.record(requestId, DependencyUri.ofKv(namespace, e.key()), e.version());
        return entries;
    }

    // --- operators (KvAdmin) ----------------------------------------------------------------

    @Override
    public Optional<KvEntry> get(String namespace, String key) {
        Optional<KvEntry> entry = store.get(namespace, key);
        entry.ifPresent(e -> remember(namespace, key, e.version()));
        return entry;
    }

    @Override
    public long version(String namespace, String key) {
        String k = cacheKey(namespace, key);
        Long cached = versions.get(k);
        if (cached != null) return cached;
        long v = store.version(namespace, key);
        remember(namespace, key, v);
        return v;
    }

    @Override
    public long put(String namespace, String key, byte[] value) {
        if (value.length > KvEntry.MAX_VALUE_BYTES) {
            throw HearthException.invalid("Value for key '" + key + "' is " + value.length + " bytes; the limit is "
                    + KvEntry.MAX_VALUE_BYTES);
        }
        long v = store.put(namespace, key, value);
        remember(namespace, key, v);
        return v;
    }

    @Override
    public long delete(String namespace, String key) {
        long v = store.delete(namespace, key);
        remember(namespace, key, v);
        return v;
    }

    @Override
    public List<KvEntry> list(String namespace, String prefix, String afterKey, int limit) {
        return store.list(namespace, prefix, afterKey, limit);
    }

    private void remember(String namespace, String key, long version) {
        if (versions.size() >= MAX_CACHED_VERSIONS) versions.clear();
        versions.merge(cacheKey(namespace, key), version, Math::max);
    }

    private static String cacheKey(String namespace, String key) {
        return namespace + '\u0000' + key;
    }
}
