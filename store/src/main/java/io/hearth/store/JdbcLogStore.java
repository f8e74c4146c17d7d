package io.hearth.store;

import io.hearth.model.LogEntry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link LogStore} on the {@code invocation_logs} table: a batch is one JDBC batch in one transaction;
 * reads come newest first, ties on {@code started_at} broken by request id (descending).
 */
final class JdbcLogStore implements LogStore {
    private static final String COLUMNS = "request_id, function_name, version, started_at, text";

    private final Database db;

    JdbcLogStore(Database db) {
        this.db = db;
    }

    /** Throws NullPointerException naming the first missing field; the check {@link AsyncLogWriter} makes too. */
    static LogEntry requireComplete(LogEntry e) {
        Objects.requireNonNull(e, "log entry");
        Objects.requireNonNull(e.requestId(), "requestId");
        Objects.requireNonNull(e.functionName(), "functionName");
        Objects.requireNonNull(e.version(), "version");
        Objects.requireNonNull(e.startedAt(), "startedAt");
        Objects.requireNonNull(e.text(), "text");
        return e;
    }

    @Override
    public void append(List<LogEntry> batch) {
        Objects.requireNonNull(batch, "batch");
        batch.forEach(JdbcLogStore::requireComplete);
        if (batch.isEmpty()) return;
        db.write("append " + batch.size() + " log entries", c -> Statements.batch(c,
                "INSERT INTO invocation_logs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", batch, (ps, e) -> {
                    ps.setString(1, e.requestId());
                    ps.setString(2, e.functionName());
                    ps.setString(3, e.version());
                    ps.setLong(4, e.startedAt().toEpochMilli());
                    ps.setString(5, e.text());
                }));
    }

    @Override
    public List<LogEntry> byFunction(String functionName, int limit) {
        Objects.requireNonNull(functionName, "functionName");
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0: " + limit);
        if (limit == 0) return List.of();
        return db.read("read logs of " + functionName, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM invocation_logs"
                    + " WHERE function_name = ? ORDER BY started_at DESC, request_id DESC LIMIT ?")) {
                ps.setString(1, functionName);
                ps.setInt(2, limit);
                return readAll(ps);
            }
        });
    }

    @Override
    public Optional<LogEntry> byRequest(String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        return db.read("read log of " + requestId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM invocation_logs"
                    + " WHERE request_id = ? ORDER BY started_at DESC LIMIT 1")) {
                ps.setString(1, requestId);
                return readAll(ps).stream().findFirst();
            }
        });
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return db.write("delete old logs", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM invocation_logs WHERE started_at < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static List<LogEntry> readAll(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<LogEntry> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new LogEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
            }
            return out;
        }
    }
}
