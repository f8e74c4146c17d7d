package io.hearth.store;

import io.hearth.model.KvEntry;

import java.util.List;
import java.util.Optional;

/**
 * Hearth's key-value store: byte values under (namespace, key), each key with a version that counts every
 * put and delete of it, so a version read before a run and compared after it tells whether the key changed.
 * A deleted key stays as a tombstone: invisible to {@link #get} and {@link #list}, but its version lives on.
 * Keys are ordered by code point. Namespaces, keys and prefixes that break the rules of {@code KvKeys}
 * (1..256 and 1..1024 characters, well-formed text without NUL) are refused with
 * {@code HearthException(INVALID_PARAMETER_VALUE)}.
 */
public interface KvStore {

    /** The live entry, or empty if never written or deleted. */
    Optional<KvEntry> get(String namespace, String key);

    /** The key's version: 0 if never written; counts puts and deletes (a deleted key keeps its tombstone version). */
    long version(String namespace, String key);

    /**
     * Writes the value; returns the new version (previous + 1, or 1). A value over
     * {@link KvEntry#MAX_VALUE_BYTES} is refused with
     * {@code HearthException(INVALID_PARAMETER_VALUE, "Value for key 'K' is N bytes; the limit is 409600")}.
     */
    long put(String namespace, String key, byte[] value);

    /**
     * Deletes: returns the new (tombstone) version, or 0 if the key never existed (nothing written). A delete
     * of an already-deleted key returns its current version and writes nothing.
     */
    long delete(String namespace, String key);

    /**
     * Live entries whose key starts with {@code prefix} ("" or null for all), in key order, keys strictly after
     * {@code afterKey} (null = from the start), at most {@code limit} ({@code >= 0}).
     */
    List<KvEntry> list(String namespace, String prefix, String afterKey, int limit);
}
