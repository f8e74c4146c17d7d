package io.hearth.store;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Reserved concurrency as stored: at most one reservation per function, keyed by function name. A reservation
 * goes when its function is deleted. The store keeps what it is given: whether a reservation fits the node's
 * limit is its caller's rule.
 */
public interface ConcurrencyStore {

    /** The function's reservation; empty if it has none (or there is no such function). */
    OptionalInt get(String functionName);

    /**
     * Sets (or replaces) the function's reservation. Throws {@code HearthException(RESOURCE_NOT_FOUND,
     * "Function not found: NAME")} if the function does not exist; {@code reserved >= 0} (0 throttles the
     * function entirely), else IllegalArgumentException.
     */
    void put(String functionName, int reserved);

    /** Removes the function's reservation; false if it had none. */
    boolean delete(String functionName);

    /** Every reservation, by function name (code-point order); unmodifiable. */
    Map<String, Integer> all();
}
