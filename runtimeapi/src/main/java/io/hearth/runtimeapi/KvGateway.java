package io.hearth.runtimeapi;

import io.hearth.model.KvEntry;
import java.util.List;
import java.util.Optional;

/**
 * Key-value access of a running function, attributed to its invocation. The Runtime API calls it
 * for the {@code /hearth/v1/kv} routes of a session, each call on its own virtual thread, so
 * implementations may block (store I/O).
 *
 * <p>In every method {@code functionName} is the function that owns the session;
 * {@code requestId} is the invocation the runtime holds now ({@code null} between invocations);
 * {@code namespace} {@code null} means the function's own namespace, else it names a shared one.
 * Bad input (a key, namespace or prefix the store refuses) is a {@link io.hearth.model.HearthException}
 * whose {@link io.hearth.model.ErrorCode} decides the HTTP status the runtime sees.
 */
public interface KvGateway {

    /** The entry of {@code key}: empty when it was never written, a tombstone (null value) when deleted. */
    Optional<KvEntry> get(String functionName, String requestId, String namespace, String key);

    /** Writes {@code value}; returns the key's new version. */
    long put(String functionName, String requestId, String namespace, String key, byte[] value);

    /** Deletes {@code key}; returns the key's new (tombstone) version. */
    long delete(String functionName, String requestId, String namespace, String key);

    /** Up to {@code limit} entries whose keys start with {@code prefix}, in key order, after {@code afterKey} (null: from the start). */
    List<KvEntry> list(String functionName, String requestId, String namespace, String prefix, String afterKey, int limit);
}
