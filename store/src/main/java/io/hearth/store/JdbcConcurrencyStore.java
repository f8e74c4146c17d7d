package io.hearth.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@link ConcurrencyStore} on the {@code function_concurrency} table, one row per reserving function. Put checks
 * that the function exists and upserts ({@code INSERT ... ON CONFLICT DO UPDATE}, the same on SQLite and
 * PostgreSQL) in one transaction; the foreign key keeps a reservation from outliving a function deleted
 * meanwhile.
 */
final class JdbcConcurrencyStore implements ConcurrencyStore {
    private static final String UPSERT = "INSERT INTO function_concurrency (function_name, reserved) VALUES (?, ?)"
            + " ON CONFLICT (function_name) DO UPDATE SET reserved = excluded.reserved";

    private final Database db;

    JdbcConcurrencyStore(Database db) {
        this.db = db;
    }

    @Override
    public OptionalInt get(String functionName) {
        Objects.requireNonNull(functionName, "functionName");
        List<Integer> rows = db.query("get the reserved concurrency of function " + functionName,
                "SELECT reserved FROM function_concurrency WHERE function_name = ?",
                ps -> ps.setString(1, functionName), rs -> rs.getInt(1));
        return rows.isEmpty() ? OptionalInt.empty() : OptionalInt.of(rows.getFirst());
    }

    @Override
    public void put(String functionName, int reserved) {
        Objects.requireNonNull(functionName, "functionName");
        if (reserved < 0) throw new IllegalArgumentException("reserved concurrency must be >= 0: " + reserved);
        db.write("reserve concurrency for function " + functionName, c -> {
            JdbcFunctionStore.requireFunction(c, functionName);
            return Statements.update(c, UPSERT, ps -> {
                ps.setString(1, functionName);
                ps.setInt(2, reserved);
            });
        });
    }

    @Override
    public boolean delete(String functionName) {
        Objects.requireNonNull(functionName, "functionName");
        return db.update("delete the reserved concurrency of function " + functionName,
                "DELETE FROM function_concurrency WHERE function_name = ?", ps -> ps.setString(1, functionName)) > 0;
    }

    @Override
    public Map<String, Integer> all() {
        Map<String, Integer> all = new LinkedHashMap<>();
        db.query("list reserved concurrency", "SELECT function_name, reserved FROM function_concurrency"
                + " ORDER BY function_name", ps -> {}, rs -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> all.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(all);
    }
}
