package io.hearth.engine;

import io.hearth.model.KvEntry;
import java.util.List;
import java.util.Optional;

/**
 * The key-value store as operators and other programs see it (Hearth API, CLI). Namespaces are
 * full ids from {@link io.hearth.model.KvNamespaces}. Writes here change versions exactly as
 * writes from functions do, so idempotent functions depending on a key see them.
 */
public interface KvAdmin {

    Optional<KvEntry> get(String namespace, String key);

    /** The key's version token (0 = never written). */
    long version(String namespace, String key);

    long put(String namespace, String key, byte[] value);

    long delete(String namespace, String key);

    List<KvEntry> list(String namespace, String prefix, String afterKey, int limit);
}
