package io.hearth.runtimeapi;

import io.hearth.model.HearthException;

/**
 * One key-value request of a runtime, parsed and validated at the edge by {@link KvRequests}:
 * what reaches the gateway is one of these, never a raw path or query.
 * {@code namespace} null means the function's own namespace.
 */
sealed interface KvCommand {
    /** Entries a list request may ask for at once; a client follows {@code next} for more. */
    int MAX_LIST_LIMIT = 1000;
    int DEFAULT_LIST_LIMIT = 100;

    String namespace();

    /** {@code GET /kv/{key}}. */
    record Get(String namespace, String key) implements KvCommand {}

    /** {@code PUT /kv/{key}}; the value is the request body, read after routing. */
    record Put(String namespace, String key) implements KvCommand {}

    /** {@code DELETE /kv/{key}}. */
    record Delete(String namespace, String key) implements KvCommand {}

    /** {@code GET /kv?prefix=&after=&limit=}. */
    record Scan(String namespace, String prefix, String after, int limit) implements KvCommand {
        public Scan {
            if (limit < 1 || limit > MAX_LIST_LIMIT) {
                throw HearthException.invalid("limit must be between 1 and " + MAX_LIST_LIMIT + ", got " + limit);
            }
        }
    }
}
