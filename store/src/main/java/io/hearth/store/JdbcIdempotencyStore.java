package io.hearth.store;

import io.hearth.model.IdempotencyDecision;
import io.hearth.model.IdempotencyRecord;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link IdempotencyStore} on the {@code idempotency_records} and {@code idempotency_decisions} tables. A put
 * is one upsert on (function, record key); a trim deletes every record of the function that is not among
 * the newest {@code keep} in one statement; a batch of decisions is one JDBC batch in one transaction.
 */
final class JdbcIdempotencyStore implements IdempotencyStore {
    private static final String NEWEST_RECORDS = " ORDER BY created_at DESC, record_key DESC LIMIT ?";
    private static final String SELECT_RECORDS = "SELECT " + IdempotencyRows.RECORD_COLUMNS
            + " FROM idempotency_records";
    private static final String UPSERT = "INSERT INTO idempotency_records (" + IdempotencyRows.RECORD_COLUMNS
            + ") VALUES (" + String.join(", ", Collections.nCopies(IdempotencyRows.RECORD_COLUMN_COUNT, "?")) + ")"
            + " ON CONFLICT (function_name, record_key) DO UPDATE SET "
            + Stream.of(IdempotencyRows.RECORD_COLUMNS.split(",")).skip(2).map(String::trim)
                    .map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
    private static final String TRIM = "DELETE FROM idempotency_records WHERE function_name = ?"
            + " AND record_key NOT IN (SELECT record_key FROM idempotency_records WHERE function_name = ?"
            + NEWEST_RECORDS + ")";
    private static final String SELECT_DECISIONS = "SELECT " + IdempotencyRows.DECISION_COLUMNS
            + " FROM idempotency_decisions";
    private static final String INSERT_DECISION = "INSERT INTO idempotency_decisions ("
            + IdempotencyRows.DECISION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";

    private final Database db;

    JdbcIdempotencyStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<IdempotencyRecord> get(String functionName, String recordKey) {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(recordKey, "recordKey");
        return db.query("get idempotency record of " + functionName,
                SELECT_RECORDS + " WHERE function_name = ? AND record_key = ?", ps -> {
                    ps.setString(1, functionName);
                    ps.setString(2, recordKey);
                }, IdempotencyRows::record).stream().findFirst();
    }

    @Override
    public void put(IdempotencyRecord record) {
        Objects.requireNonNull(record, "record");
        db.update("store idempotency record of " + record.functionName(), UPSERT,
                ps -> IdempotencyRows.bind(ps, record));
    }

    @Override
    public List<IdempotencyRecord> list(String functionName, int limit) {
        return newestOf(functionName, limit, "list idempotency records of ",
                SELECT_RECORDS + " WHERE function_name = ?" + NEWEST_RECORDS, IdempotencyRows::record);
    }

    @Override
    public long count(String functionName) {
        Objects.requireNonNull(functionName, "functionName");
        return db.number("count idempotency records of " + functionName,
                "SELECT COUNT(*) FROM idempotency_records WHERE function_name = ?",
                ps -> ps.setString(1, functionName));
    }

    @Override
    public int purge(String functionName) {
        Objects.requireNonNull(functionName, "functionName");
        return db.update("purge idempotency records of " + functionName,
                "DELETE FROM idempotency_records WHERE function_name = ?", ps -> ps.setString(1, functionName));
    }

    @Override
    public int deleteExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return db.update("delete expired idempotency records", "DELETE FROM idempotency_records WHERE expires_at <= ?",
                ps -> ps.setLong(1, now.toEpochMilli()));
    }

    @Override
    public int trim(String functionName, int keep) {
        Objects.requireNonNull(functionName, "functionName");
        requireLimit("keep", keep);
        return db.update("trim idempotency records of " + functionName, TRIM, ps -> {
            ps.setString(1, functionName);
            ps.setString(2, functionName);
            ps.setInt(3, keep);
        });
    }

    @Override
    public void explain(List<IdempotencyDecision> batch) {
        Objects.requireNonNull(batch, "batch");
        batch.forEach(IdempotencyRows::requireComplete);
        if (batch.isEmpty()) return;
        db.write("append " + batch.size() + " idempotency decisions",
                c -> Statements.batch(c, INSERT_DECISION, batch, IdempotencyRows::bind));
    }

    @Override
    public Optional<IdempotencyDecision> decision(String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        return db.query("read the idempotency decision of " + requestId,
                SELECT_DECISIONS + " WHERE request_id = ? ORDER BY decided_at DESC LIMIT 1",
                ps -> ps.setString(1, requestId), IdempotencyRows::decision).stream().findFirst();
    }

    @Override
    public List<IdempotencyDecision> decisions(String functionName, int limit) {
        return newestOf(functionName, limit, "read idempotency decisions of ", SELECT_DECISIONS
                + " WHERE function_name = ? ORDER BY decided_at DESC, request_id DESC LIMIT ?",
                IdempotencyRows::decision);
    }

    @Override
    public int deleteDecisionsOlderThan(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return db.update("delete old idempotency decisions", "DELETE FROM idempotency_decisions WHERE decided_at < ?",
                ps -> ps.setLong(1, cutoff.toEpochMilli()));
    }

    /** The rows of a query taking the function name and a limit, newest first. */
    private <T> List<T> newestOf(String functionName, int limit, String what, String sql,
                                 Statements.RowReader<T> reader) {
        Objects.requireNonNull(functionName, "functionName");
        requireLimit("limit", limit);
        return db.query(what + functionName, sql, ps -> {
            ps.setString(1, functionName);
            ps.setInt(2, limit);
        }, reader);
    }

    private static void requireLimit(String name, int value) {
        if (value < 0) throw new IllegalArgumentException(name + " must be >= 0: " + value);
    }
}
