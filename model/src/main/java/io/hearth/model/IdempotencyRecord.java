package io.hearth.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A completed run of an idempotent function that may answer later identical requests.
 * {@code recordKey} identifies (version code SHA-256 + configuration, canonical payload hash);
 * {@code dependencies} are the states observed before and confirmed after the run. The stored
 * answer is {@code payload}, a function error when {@code errorType} is not null.
 */
public record IdempotencyRecord(
        String functionName,
        String recordKey,
        String requestId,
        String executedVersion,
        String errorType,
        byte[] payload,
        List<DependencyState> dependencies,
        Instant createdAt,
        Instant expiresAt) {

    public IdempotencyRecord {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(recordKey, "recordKey");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(executedVersion, "executedVersion");
        Objects.requireNonNull(payload, "payload");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean functionError() {
        return errorType != null;
    }
}
