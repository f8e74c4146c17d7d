package io.hearth.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An immutable snapshot of what runs: a function's name, version label ({@code $LATEST} or a
 * number), configuration and code. Sandboxes are bound to exactly one of these for life; a change
 * to {@code $LATEST} produces a new snapshot with a new {@link #revisionId()}.
 */
public record FunctionVersion(
        String name,
        String version,
        FunctionConfig config,
        CodeRef code,
        String revisionId,
        Instant lastModified) {

    public static final String LATEST = "$LATEST";

    public FunctionVersion {
        FunctionNames.requireValid(name);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(revisionId, "revisionId");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /**
     * The identity of what a sandbox runs: two snapshots with the same key run identically, so a
     * warm sandbox of one may serve the other.
     */
    public String sandboxKey() {
        return name + ":" + version + ":" + revisionId;
    }
}
