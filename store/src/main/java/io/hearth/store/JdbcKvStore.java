package io.hearth.store;

import io.hearth.model.HearthException;
import io.hearth.model.KvEntry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link KvStore} on the {@code kv_entries} table. A put is one atomic upsert that increments the stored
 * version and returns it ({@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}), so concurrent writers of
 * one key never lose a version, on SQLite (one writer at a time) and PostgreSQL (the row lock) alike. A
 * delete turns a live row into a tombstone the same way; when there is no live row it reads the key's state
 * instead and writes nothing. {@code updatedAt} comes from the injected clock, in milliseconds.
 */
final class JdbcKvStore implements KvStore {
    private static final String COLUMNS = "namespace, item_key, value, version, updated_at";
    private static final String KEY = " WHERE namespace = ? AND item_key = ?";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM kv_entries";
    private static final String UPSERT = "INSERT INTO kv_entries (" + COLUMNS + ") VALUES (?, ?, ?, 1, ?)"
            + " ON CONFLICT (namespace, item_key) DO UPDATE SET value = excluded.value,"
            + " version = kv_entries.version + 1, updated_at = excluded.updated_at RETURNING version";
    private static final String TOMBSTONE = "UPDATE kv_entries SET value = NULL, version = version + 1,"
            + " updated_at = ?" + KEY + " AND value IS NOT NULL RETURNING version";
    private static final String STATE = "SELECT version, value IS NULL FROM kv_entries" + KEY;

    /** What a key is at one moment: its version and whether it is a tombstone. */
    private record KeyState(long version, boolean deleted) {}

    private final Database db;
    private final Clock clock;

    JdbcKvStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<KvEntry> get(String namespace, String key) {
        KvKeys.requireValid(namespace, key);
        return db.query("get key " + key, SELECT + KEY + " AND value IS NOT NULL",
                ps -> bindKey(ps, 1, namespace, key), JdbcKvStore::entry).stream().findFirst();
    }

    @Override
    public long version(String namespace, String key) {
        KvKeys.requireValid(namespace, key);
        return db.query("read the version of key " + key, STATE, ps -> bindKey(ps, 1, namespace, key),
                JdbcKvStore::state).stream().findFirst().map(KeyState::version).orElse(0L);
    }

    @Override
    public long put(String namespace, String key, byte[] value) {
        KvKeys.requireValid(namespace, key);
        Objects.requireNonNull(value, "value");
        if (value.length > KvEntry.MAX_VALUE_BYTES) {
            throw HearthException.invalid("Value for key '" + key + "' is " + value.length
                    + " bytes; the limit is " + KvEntry.MAX_VALUE_BYTES);
        }
        long now = now();
        return db.write("put key " + key, c -> Statements.query(c, UPSERT, ps -> {
            bindKey(ps, 1, namespace, key);
            ps.setBytes(3, value);
            ps.setLong(4, now);
        }, rs -> rs.getLong(1)).getFirst());
    }

    @Override
    public long delete(String namespace, String key) {
        KvKeys.requireValid(namespace, key);
        long now = now();
        return db.write("delete key " + key, c -> {
            while (true) {
                List<Long> written = Statements.query(c, TOMBSTONE, ps -> {
                    ps.setLong(1, now);
                    bindKey(ps, 2, namespace, key);
                }, rs -> rs.getLong(1));
                if (!written.isEmpty()) return written.getFirst();
                List<KeyState> state = Statements.query(c, STATE, ps -> bindKey(ps, 1, namespace, key),
                        JdbcKvStore::state);
                if (state.isEmpty()) return 0L;
                if (state.getFirst().deleted()) return state.getFirst().version();
                // Only on PostgreSQL: a put committed between the two statements; delete what it wrote.
            }
        });
    }

    @Override
    public List<KvEntry> list(String namespace, String prefix, String afterKey, int limit) {
        KvKeys.requireNamespace(namespace);
        String start = KvKeys.requirePrefix(prefix);
        if (afterKey != null) KvKeys.requireValid(namespace, afterKey);
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0: " + limit);
        if (limit == 0) return List.of();
        String end = KvKeys.prefixEnd(start);
        String sql = SELECT + " WHERE namespace = ? AND value IS NOT NULL AND item_key >= ?"
                + (end == null ? "" : " AND item_key < ?") + (afterKey == null ? "" : " AND item_key > ?")
                + " ORDER BY item_key LIMIT ?";
        return db.query("list keys of namespace " + namespace, sql, ps -> {
            int i = 1;
            ps.setString(i++, namespace);
            ps.setString(i++, start);
            if (end != null) ps.setString(i++, end);
            if (afterKey != null) ps.setString(i++, afterKey);
            ps.setInt(i, limit);
        }, JdbcKvStore::entry);
    }

    private long now() {
        return clock.instant().toEpochMilli();
    }

    private static void bindKey(PreparedStatement ps, int first, String namespace, String key)
            throws SQLException {
        ps.setString(first, namespace);
        ps.setString(first + 1, key);
    }

    private static KvEntry entry(ResultSet rs) throws SQLException {
        return new KvEntry(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getLong(4),
                Instant.ofEpochMilli(rs.getLong(5)));
    }

    private static KeyState state(ResultSet rs) throws SQLException {
        return new KeyState(rs.getLong(1), rs.getBoolean(2));
    }
}
