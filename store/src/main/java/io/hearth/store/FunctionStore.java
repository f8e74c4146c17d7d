package io.hearth.store;

import io.hearth.model.FunctionRecord;
import io.hearth.model.FunctionVersion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Functions as stored: each one's {@code $LATEST} snapshot and tags, keyed by name, and its published
 * versions (immutable snapshots numbered "1", "2", ...). Updates are compare-and-set on the revision id, so
 * concurrent writers (threads or cluster nodes) never lose an update silently. Instants are kept with
 * millisecond precision.
 */
public interface FunctionStore {

    /**
     * Stores a new function; throws {@code HearthException(RESOURCE_CONFLICT, "Function already exist: NAME")}
     * if the name exists.
     */
    void create(FunctionRecord f);

    Optional<FunctionRecord> get(String name);

    /**
     * Functions ordered by name (code-point order), names strictly greater than {@code afterName} (null = from
     * the start), at most {@code limit} of them ({@code limit >= 0}).
     */
    List<FunctionRecord> list(String afterName, int limit);

    /**
     * Compare-and-set: replaces the function named {@code updated.name()} only if its stored
     * {@code latest().revisionId()} equals {@code expectedRevisionId}; false otherwise, and false if missing.
     */
    boolean replace(FunctionRecord updated, String expectedRevisionId);

    /**
     * Deletes the function with its published versions, its aliases and its reserved concurrency, all at once;
     * false if there was none.
     */
    boolean delete(String name);

    long count();

    /** Distinct code SHA-256 hex values still referenced by any function's $LATEST or published version. */
    Set<String> referencedCode();

    /**
     * Stores a published version (immutable) of the function {@code v.name()}. Its {@code version()} is the
     * number chosen by the caller, written without leading zeros ("1" to "9999999999"; anything else is an
     * IllegalArgumentException). Throws {@code HearthException(RESOURCE_CONFLICT)} if the function already has
     * that number, {@code HearthException(RESOURCE_NOT_FOUND)} if the function does not exist.
     */
    void publish(FunctionVersion v);

    /**
     * Publishes {@code v} with the Hearth settings it keeps for life (the function's
     * {@code hearth:*} tags at publish time); as {@link #publish(FunctionVersion)} otherwise.
     */
    void publish(FunctionVersion v, Map<String, String> settings);

    /** The settings each published version of the function was published with, by version number. */
    Map<String, Map<String, String>> versionSettings(String name);

    /** Published versions of the function, ascending by number (numeric order: "10" after "9"); empty if none. */
    List<FunctionVersion> versions(String name);

    /** The published version {@code number} of the function; empty if there is none (or it is not a number). */
    Optional<FunctionVersion> version(String name, String number);

    /** Highest number ever published, deleted versions included (numbers are never reused); 0 if none or no such function. */
    long lastVersionNumber(String name);

    /** Deletes the published version {@code number}; false if there was none. Aliases are left as they are. */
    boolean deleteVersion(String name, String number);
}
