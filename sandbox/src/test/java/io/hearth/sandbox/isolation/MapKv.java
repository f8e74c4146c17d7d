package io.hearth.sandbox.isolation;

import io.hearth.model.KvEntry;
import io.hearth.runtimeapi.KvGateway;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A key-value store in a map, keyed by function and key: enough to see a sandbox's calls arrive. */
final class MapKv implements KvGateway {
    final Map<String, KvEntry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<KvEntry> get(String functionName, String requestId, String namespace, String key) {
        return Optional.ofNullable(entries.get(functionName + "/" + key));
    }

    @Override
    public long put(String functionName, String requestId, String namespace, String key, byte[] value) {
        return entries.compute(functionName + "/" + key, (k, old) -> new KvEntry("fn:" + functionName, key, value,
                old == null ? 1 : old.version() + 1, Instant.EPOCH)).version();
    }

    @Override
    public long delete(String functionName, String requestId, String namespace, String key) {
        return put(functionName, requestId, namespace, key, null);
    }

    @Override
    public List<KvEntry> list(String functionName, String requestId, String namespace, String prefix, String afterKey,
                              int limit) {
        return List.of();
    }
}
