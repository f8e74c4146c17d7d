package io.hearth.store;

import io.hearth.model.QueuedEvent;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link EventQueue} on the {@code queued_events} table. Payloads are stored as bytes; due events come
 * ordered by {@code not_before}, ties broken by enqueue time and then request id so the order is total.
 */
final class JdbcEventQueue implements EventQueue {
    private static final String COLUMNS =
            "request_id, function_name, qualifier, payload, client_context, attempts, enqueued_at, not_before";

    private final Database db;

    JdbcEventQueue(Database db) {
        this.db = db;
    }

    @Override
    public void enqueue(QueuedEvent e) {
        requireComplete(e);
        db.write("enqueue event " + e.requestId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO queued_events (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING")) {
                ps.setString(1, e.requestId());
                ps.setString(2, e.functionName());
                ps.setString(3, e.qualifier());
                ps.setBytes(4, e.payload());
                ps.setString(5, e.clientContext());
                ps.setInt(6, e.attempts());
                ps.setLong(7, e.enqueuedAt().toEpochMilli());
                ps.setLong(8, e.notBefore().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<QueuedEvent> due(Instant now, int max) {
        Objects.requireNonNull(now, "now");
        if (max < 0) throw new IllegalArgumentException("max must be >= 0: " + max);
        if (max == 0) return List.of();
        return db.read("read due events", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM queued_events"
                    + " WHERE not_before <= ? ORDER BY not_before, enqueued_at, request_id LIMIT ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setInt(2, max);
                try (ResultSet rs = ps.executeQuery()) {
                    List<QueuedEvent> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new QueuedEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                                rs.getString(5), rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)),
                                Instant.ofEpochMilli(rs.getLong(8))));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public void reschedule(QueuedEvent e) {
        Objects.requireNonNull(e, "event");
        Objects.requireNonNull(e.requestId(), "requestId");
        Objects.requireNonNull(e.notBefore(), "notBefore");
        db.write("reschedule event " + e.requestId(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE queued_events SET attempts = ?, not_before = ? WHERE request_id = ?")) {
                ps.setInt(1, e.attempts());
                ps.setLong(2, e.notBefore().toEpochMilli());
                ps.setString(3, e.requestId());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void remove(String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        db.write("remove event " + requestId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM queued_events WHERE request_id = ?")) {
                ps.setString(1, requestId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int size() {
        return db.read("count queued events", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM queued_events");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static void requireComplete(QueuedEvent e) {
        Objects.requireNonNull(e, "event");
        Objects.requireNonNull(e.requestId(), "requestId");
        Objects.requireNonNull(e.functionName(), "functionName");
        Objects.requireNonNull(e.payload(), "payload");
        Objects.requireNonNull(e.enqueuedAt(), "enqueuedAt");
        Objects.requireNonNull(e.notBefore(), "notBefore");
    }
}
