package io.hearth.store;

import io.hearth.model.AliasRecord;
import io.hearth.model.HearthException;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AliasStore} on the {@code function_aliases} table, keyed by function and alias name. Create checks
 * that the function exists and inserts with {@code ON CONFLICT DO NOTHING} in one transaction; replace is an
 * {@code UPDATE} guarded by the expected revision id. Which aliases route to a version is decided on the
 * function's aliases as read, so the query is the same on SQLite and PostgreSQL (their JSON functions differ).
 */
final class JdbcAliasStore implements AliasStore {
    private static final String KEY = " WHERE function_name = ? AND name = ?";
    private static final String INSERT = "INSERT INTO function_aliases (" + AliasRows.COLUMNS + ") VALUES ("
            + Statements.params(AliasRows.COLUMN_COUNT)
            + ") ON CONFLICT (function_name, name) DO NOTHING";
    private static final String UPDATE = "UPDATE function_aliases SET " + Statements.assignments(AliasRows.COLUMNS)
            + KEY + " AND revision_id = ?";
    private static final String SELECT = "SELECT " + AliasRows.COLUMNS + " FROM function_aliases";

    private final Database db;

    JdbcAliasStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(AliasRecord a) {
        Objects.requireNonNull(a, "alias");
        int inserted = db.write("create alias " + a.name() + " of function " + a.functionName(), c -> {
            JdbcFunctionStore.requireFunction(c, a.functionName());
            return Statements.update(c, INSERT, ps -> AliasRows.bind(ps, a));
        });
        if (inserted == 0) throw HearthException.conflict("Alias already exists: " + a.functionName() + ":" + a.name());
    }

    @Override
    public Optional<AliasRecord> get(String functionName, String aliasName) {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(aliasName, "aliasName");
        return db.query("get alias " + aliasName + " of function " + functionName, SELECT + KEY,
                ps -> bindKey(ps, 1, functionName, aliasName), AliasRows::read).stream().findFirst();
    }

    @Override
    public List<AliasRecord> list(String functionName) {
        Objects.requireNonNull(functionName, "functionName");
        return db.query("list aliases of function " + functionName, SELECT + " WHERE function_name = ? ORDER BY name",
                ps -> ps.setString(1, functionName), AliasRows::read);
    }

    @Override
    public boolean replace(AliasRecord updated, String expectedRevisionId) {
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(expectedRevisionId, "expectedRevisionId");
        return db.update("update alias " + updated.name() + " of function " + updated.functionName(), UPDATE, ps -> {
            AliasRows.bind(ps, updated);
            bindKey(ps, AliasRows.COLUMN_COUNT + 1, updated.functionName(), updated.name());
            ps.setString(AliasRows.COLUMN_COUNT + 3, expectedRevisionId);
        }) == 1;
    }

    @Override
    public boolean delete(String functionName, String aliasName) {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(aliasName, "aliasName");
        return db.update("delete alias " + aliasName + " of function " + functionName,
                "DELETE FROM function_aliases" + KEY, ps -> bindKey(ps, 1, functionName, aliasName)) > 0;
    }

    @Override
    public List<AliasRecord> pointingAt(String functionName, String number) {
        Objects.requireNonNull(number, "number");
        return list(functionName).stream()
                .filter(a -> a.functionVersion().equals(number) || a.additionalVersionWeights().containsKey(number))
                .toList();
    }

    private static void bindKey(PreparedStatement ps, int first, String functionName, String aliasName)
            throws SQLException {
        ps.setString(first, functionName);
        ps.setString(first + 1, aliasName);
    }
}
