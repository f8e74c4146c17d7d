package io.hearth.store;

import java.util.List;
import java.util.Optional;

/**
 * Provisioned-concurrency configurations as stored, keyed by function name and qualifier. A configuration goes
 * when its function is deleted. The store keeps what it is given: whether the qualifier names an existing version
 * or alias, and whether the amount fits the function's reservation or the node, is its caller's rule.
 */
public interface ProvisionedStore {

    /**
     * Sets (or replaces) the configuration of {@code s.functionName()} / {@code s.qualifier()}. Throws
     * {@code HearthException(RESOURCE_NOT_FOUND, "Function not found: NAME")} if the function does not exist.
     */
    void put(ProvisionedSetting s);

    /** The configuration of that function and qualifier; empty if none (or no such function). */
    Optional<ProvisionedSetting> get(String functionName, String qualifier);

    /** The function's configurations by qualifier (code-point order); empty if none. */
    List<ProvisionedSetting> list(String functionName);

    /** Every configuration, by function name then qualifier (code-point order). */
    List<ProvisionedSetting> all();

    /** Removes the configuration; false if there was none. */
    boolean delete(String functionName, String qualifier);
}
