package io.hearth.engine;

import io.hearth.model.IdempotencyDecision;
import io.hearth.model.IdempotencyRecord;
import java.util.List;
import java.util.Optional;

/** Inspecting and purging a function's idempotency records; explaining a request's decision. */
public interface IdempotencyAdmin {

    /** The function's records, newest first; ResourceNotFoundException if there is no such function. */
    List<IdempotencyRecord> records(String functionName, int limit);

    /** Deletes all of the function's records; returns how many. */
    int purge(String functionName);

    /** Why request {@code requestId} of the function was replayed or ran; empty if it was not idempotent or unknown. */
    Optional<IdempotencyDecision> why(String functionName, String requestId);
}
