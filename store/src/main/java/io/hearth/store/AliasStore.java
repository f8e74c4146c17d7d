package io.hearth.store;

import io.hearth.model.AliasRecord;

import java.util.List;
import java.util.Optional;

/**
 * Function aliases as stored, keyed by function and alias name. Updates are compare-and-set on the
 * alias's revision id, like those of {@link FunctionStore}. An alias goes when its function is deleted.
 * The store does not check that the versions an alias routes to exist: that is its caller's rule.
 */
public interface AliasStore {

    /**
     * Stores a new alias; throws {@code HearthException(RESOURCE_CONFLICT, "Alias already exists: FUNCTION:ALIAS")}
     * if the function already has an alias of that name, {@code HearthException(RESOURCE_NOT_FOUND)} if the
     * function does not exist.
     */
    void create(AliasRecord a);

    Optional<AliasRecord> get(String functionName, String aliasName);

    /** The function's aliases ordered by alias name (code-point order); empty if none. */
    List<AliasRecord> list(String functionName);

    /**
     * Compare-and-set: replaces the alias {@code updated.functionName()}/{@code updated.name()} only if its stored
     * revision id equals {@code expectedRevisionId}; false otherwise, and false if missing.
     */
    boolean replace(AliasRecord updated, String expectedRevisionId);

    /** Deletes the alias; false if there was none. */
    boolean delete(String functionName, String aliasName);

    /**
     * The function's aliases that route to version {@code number}, as their primary or additional version,
     * ordered by alias name.
     */
    List<AliasRecord> pointingAt(String functionName, String number);
}
