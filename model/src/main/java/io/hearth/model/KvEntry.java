package io.hearth.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One key of Hearth's key-value store. {@code version} counts every write and delete of the key
 * since it was first written (1 after the first put); a deleted key keeps counting as a
 * tombstone, so its version token changes on delete too. {@code value} is null for a tombstone.
 */
public record KvEntry(String namespace, String key, byte[] value, long version, Instant updatedAt) {
    /** Largest value accepted (400 KB, as DynamoDB's item limit). */
    public static final int MAX_VALUE_BYTES = 400 * 1024;

    public KvEntry {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean deleted() {
        return value == null;
    }
}
