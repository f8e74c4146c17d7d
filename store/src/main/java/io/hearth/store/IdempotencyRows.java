package io.hearth.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hearth.model.DependencyState;
import io.hearth.model.IdempotencyDecision;
import io.hearth.model.IdempotencyRecord;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Maps idempotency records and decisions to rows of {@code idempotency_records} and
 * {@code idempotency_decisions} and back, field for field: dependencies as a JSON array of
 * {@code {"uri", "token"}} objects in their order, instants as epoch milliseconds.
 */
final class IdempotencyRows {
    /** The record columns in the order {@link #bind(PreparedStatement, IdempotencyRecord)} sets them. */
    static final String RECORD_COLUMNS = "function_name, record_key, request_id, executed_version, error_type,"
            + " payload, dependencies, created_at, expires_at";
    static final int RECORD_COLUMN_COUNT = 9;
    /** The decision columns in the order {@link #bind(PreparedStatement, IdempotencyDecision)} sets them. */
    static final String DECISION_COLUMNS = "request_id, function_name, replayed, prior_request_id, reason, decided_at";

    private static final TypeReference<List<DependencyState>> DEPENDENCIES = new TypeReference<>() {};

    private IdempotencyRows() {}

    /** Throws NullPointerException naming the first missing field; the check {@link AsyncDecisionWriter} makes too. */
    static IdempotencyDecision requireComplete(IdempotencyDecision d) {
        Objects.requireNonNull(d, "decision");
        Objects.requireNonNull(d.requestId(), "requestId");
        Objects.requireNonNull(d.functionName(), "functionName");
        Objects.requireNonNull(d.decidedAt(), "decidedAt");
        return d;
    }

    static void bind(PreparedStatement ps, IdempotencyRecord r) throws SQLException {
        ps.setString(1, r.functionName());
        ps.setString(2, r.recordKey());
        ps.setString(3, r.requestId());
        ps.setString(4, r.executedVersion());
        ps.setString(5, r.errorType());
        ps.setBytes(6, r.payload());
        ps.setString(7, JsonColumns.write(r.dependencies()));
        ps.setLong(8, r.createdAt().toEpochMilli());
        ps.setLong(9, r.expiresAt().toEpochMilli());
    }

    static IdempotencyRecord record(ResultSet rs) throws SQLException {
        return new IdempotencyRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getBytes(6), dependencies(rs.getString(7)), Instant.ofEpochMilli(rs.getLong(8)),
                Instant.ofEpochMilli(rs.getLong(9)));
    }

    static void bind(PreparedStatement ps, IdempotencyDecision d) throws SQLException {
        ps.setString(1, d.requestId());
        ps.setString(2, d.functionName());
        ps.setBoolean(3, d.replayed());
        ps.setString(4, d.priorRequestId());
        ps.setString(5, d.reason());
        ps.setLong(6, d.decidedAt().toEpochMilli());
    }

    static IdempotencyDecision decision(ResultSet rs) throws SQLException {
        return new IdempotencyDecision(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)));
    }

    private static List<DependencyState> dependencies(String json) {
        return JsonColumns.read(json, DEPENDENCIES, "Stored idempotency record has malformed dependencies");
    }
}
