package io.hearth.runtimeapi;

import io.hearth.model.KvEntry;
import java.util.List;
import java.util.Optional;

/** The gateway of a Runtime API started without a key-value store: every call is refused (501). */
final class UnconfiguredKv implements KvGateway {
    static final String MESSAGE = "key-value store not configured";

    /** The refusal; the handler answers it with 501 Not Implemented. */
    static final class Refused extends RuntimeException {
        Refused() {
            super(MESSAGE, null, false, false);
        }
    }

    @Override
    public Optional<KvEntry> get(String functionName, String requestId, String namespace, String key) {
        throw new Refused();
    }

    @Override
    public long put(String functionName, String requestId, String namespace, String key, byte[] value) {
        throw new Refused();
    }

    @Override
    public long delete(String functionName, String requestId, String namespace, String key) {
        throw new Refused();
    }

    @Override
    public List<KvEntry> list(String functionName, String requestId, String namespace, String prefix,
                              String afterKey, int limit) {
        throw new Refused();
    }
}
