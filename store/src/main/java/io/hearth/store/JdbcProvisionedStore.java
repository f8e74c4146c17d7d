package io.hearth.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ProvisionedStore} on the {@code provisioned_concurrency} table, one row per function and qualifier. Put
 * checks that the function exists and upserts ({@code INSERT ... ON CONFLICT DO UPDATE}, the same on SQLite and
 * PostgreSQL) in one transaction; the foreign key takes the rows of a function deleted meanwhile.
 */
final class JdbcProvisionedStore implements ProvisionedStore {
    private static final String COLUMNS = "function_name, qualifier, requested, last_modified";
    private static final String UPSERT = "INSERT INTO provisioned_concurrency (" + COLUMNS + ") VALUES ("
            + Statements.params(4) + ") ON CONFLICT (function_name, qualifier) DO UPDATE SET"
            + " requested = excluded.requested, last_modified = excluded.last_modified";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM provisioned_concurrency";

    private final Database db;

    JdbcProvisionedStore(Database db) {
        this.db = db;
    }

    @Override
    public void put(ProvisionedSetting s) {
        Objects.requireNonNull(s, "setting");
        db.write("provision concurrency for " + s.functionName() + ":" + s.qualifier(), c -> {
            JdbcFunctionStore.requireFunction(c, s.functionName());
            return Statements.update(c, UPSERT, ps -> {
                ps.setString(1, s.functionName());
                ps.setString(2, s.qualifier());
                ps.setInt(3, s.requested());
                ps.setLong(4, s.lastModified().toEpochMilli());
            });
        });
    }

    @Override
    public Optional<ProvisionedSetting> get(String functionName, String qualifier) {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(qualifier, "qualifier");
        return db.query("get the provisioned concurrency of " + functionName + ":" + qualifier,
                SELECT + " WHERE function_name = ? AND qualifier = ?", ps -> {
                    ps.setString(1, functionName);
                    ps.setString(2, qualifier);
                }, JdbcProvisionedStore::read).stream().findFirst();
    }

    @Override
    public List<ProvisionedSetting> list(String functionName) {
        Objects.requireNonNull(functionName, "functionName");
        return db.query("list the provisioned concurrency of function " + functionName,
                SELECT + " WHERE function_name = ? ORDER BY qualifier", ps -> ps.setString(1, functionName),
                JdbcProvisionedStore::read);
    }

    @Override
    public List<ProvisionedSetting> all() {
        return db.query("list provisioned concurrency", SELECT + " ORDER BY function_name, qualifier", ps -> {},
                JdbcProvisionedStore::read);
    }

    @Override
    public boolean delete(String functionName, String qualifier) {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(qualifier, "qualifier");
        return db.update("delete the provisioned concurrency of " + functionName + ":" + qualifier,
                "DELETE FROM provisioned_concurrency WHERE function_name = ? AND qualifier = ?", ps -> {
                    ps.setString(1, functionName);
                    ps.setString(2, qualifier);
                }) > 0;
    }

    private static ProvisionedSetting read(ResultSet rs) throws SQLException {
        return new ProvisionedSetting(rs.getString(1), rs.getString(2), rs.getInt(3),
                Instant.ofEpochMilli(rs.getLong(4)));
    }
}
