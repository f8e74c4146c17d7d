package io.hearth.store;

import io.hearth.model.FunctionRecord;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link FunctionStore} on the {@code functions} table and, for published versions, {@code function_versions}
 * (the same snapshot columns, see {@link VersionRows}, plus the number as a number to order by). Create is
 * {@code INSERT ... ON CONFLICT DO NOTHING} (no row inserted means the name exists) and replace is an
 * {@code UPDATE} guarded by the expected revision id, so both are atomic on SQLite and PostgreSQL alike without
 * reading first. Publish checks that the function exists, then inserts the same way, in one transaction; the
 * foreign key of {@code function_versions} keeps a version from outliving a function deleted meanwhile (on
 * PostgreSQL that rare race fails the publish as a service error). Deleting a function deletes its reserved
 * concurrency, aliases, versions and row in one transaction.
 */
final class JdbcFunctionStore implements FunctionStore {
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,9}");
    private static final String INSERT = "INSERT INTO functions (" + FunctionRows.COLUMNS + ") VALUES ("
            + Statements.params(FunctionRows.COLUMN_COUNT) + ") ON CONFLICT (name) DO NOTHING";
    private static final String UPDATE = "UPDATE functions SET " + Statements.assignments(FunctionRows.COLUMNS)
            + " WHERE name = ? AND revision_id = ?";
    private static final String SELECT = "SELECT " + FunctionRows.COLUMNS + " FROM functions";
    private static final com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String, String>> STRING_MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};
    private static final String PUBLISH = "INSERT INTO function_versions (" + VersionRows.COLUMNS
            + ", version_number) VALUES (" + Statements.params(VersionRows.COLUMN_COUNT + 1)
            + ") ON CONFLICT (name, version) DO NOTHING";
    private static final String SELECT_VERSIONS = "SELECT " + VersionRows.COLUMNS
            + " FROM function_versions WHERE name = ?";

    private final Database db;

    JdbcFunctionStore(Database db) {
        this.db = db;
    }

    /** Throws {@code HearthException(RESOURCE_NOT_FOUND)} unless the function {@code name} exists. */
    static void requireFunction(Connection c, String name) throws SQLException {
        if (Statements.query(c, "SELECT 1 FROM functions WHERE name = ?", ps -> ps.setString(1, name),
                rs -> true).isEmpty()) {
            throw HearthException.notFound("Function not found: " + name);
        }
    }

    @Override
    public void create(FunctionRecord f) {
        Objects.requireNonNull(f, "function");
        if (db.update("create function " + f.name(), INSERT, ps -> FunctionRows.bind(ps, f)) == 0) {
            throw HearthException.conflict("Function already exist: " + f.name());
        }
    }

    @Override
    public Optional<FunctionRecord> get(String name) {
        Objects.requireNonNull(name, "name");
        return db.query("get function " + name, SELECT + " WHERE name = ?", ps -> ps.setString(1, name),
                FunctionRows::read).stream().findFirst();
    }

    @Override
    public List<FunctionRecord> list(String afterName, int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0: " + limit);
        if (limit == 0) return List.of();
        String sql = SELECT + (afterName == null ? "" : " WHERE name > ?") + " ORDER BY name LIMIT ?";
        return db.query("list functions", sql, ps -> {
            int i = 1;
            if (afterName != null) ps.setString(i++, afterName);
            ps.setInt(i, limit);
        }, FunctionRows::read);
    }

    @Override
    public boolean replace(FunctionRecord updated, String expectedRevisionId) {
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(expectedRevisionId, "expectedRevisionId");
        return db.update("update function " + updated.name(), UPDATE, ps -> {
            FunctionRows.bind(ps, updated);
            ps.setString(FunctionRows.COLUMN_COUNT + 1, updated.name());
            ps.setString(FunctionRows.COLUMN_COUNT + 2, expectedRevisionId);
        }) == 1;
    }

    @Override
    public boolean delete(String name) {
        Objects.requireNonNull(name, "name");
        return db.write("delete function " + name, c -> {
            Statements.update(c, "DELETE FROM function_concurrency WHERE function_name = ?",
                    ps -> ps.setString(1, name));
            Statements.update(c, "DELETE FROM function_aliases WHERE function_name = ?", ps -> ps.setString(1, name));
            Statements.update(c, "DELETE FROM function_versions WHERE name = ?", ps -> ps.setString(1, name));
            return Statements.update(c, "DELETE FROM functions WHERE name = ?", ps -> ps.setString(1, name)) > 0;
        });
    }

    @Override
    public long count() {
        return db.number("count functions", "SELECT COUNT(*) FROM functions", ps -> {});
    }

    @Override
    public Set<String> referencedCode() {
        return Set.copyOf(db.query("list referenced code", "SELECT code_sha256 FROM functions"
                + " UNION SELECT code_sha256 FROM function_versions", ps -> {}, rs -> rs.getString(1)));
    }

    @Override
    public void publish(FunctionVersion v) {
        publish(v, Map.of());
    }

    @Override
    public Map<String, Map<String, String>> versionSettings(String name) {
        Objects.requireNonNull(name, "name");
        return db.read("read the version settings of function " + name, c -> {
            var out = new java.util.TreeMap<String, Map<String, String>>();
            try (var ps = c.prepareStatement("SELECT version, settings FROM function_versions WHERE name = ?")) {
                ps.setString(1, name);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), Map.copyOf(JsonColumns.read(rs.getString(2), STRING_MAP,
                                "settings of " + name + ":" + rs.getString(1))));
                    }
                }
            }
            return Map.copyOf(out);
        });
    }

    @Override
    public void publish(FunctionVersion v, Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(v, "version");
        if (!NUMBER.matcher(v.version()).matches()) {
            throw new IllegalArgumentException("a published version is a number from 1 to 9999999999 without"
                    + " leading zeros: " + v.version());
        }
        int inserted = db.write("publish version " + v.version() + " of function " + v.name(), c -> {
            requireFunction(c, v.name());
            int n = Statements.update(c, PUBLISH, ps -> {
                VersionRows.bind(ps, 1, v);
                ps.setLong(VersionRows.COLUMN_COUNT + 1, Long.parseLong(v.version()));
            });
            if (n > 0) {
                Statements.update(c, "UPDATE functions SET last_version = ? WHERE name = ? AND last_version < ?", ps -> {
                    ps.setLong(1, Long.parseLong(v.version()));
                    ps.setString(2, v.name());
                    ps.setLong(3, Long.parseLong(v.version()));
                });
                Statements.update(c, "UPDATE function_versions SET settings = ? WHERE name = ? AND version = ?", ps -> {
                    ps.setString(1, JsonColumns.write(new java.util.TreeMap<>(settings)));
                    ps.setString(2, v.name());
                    ps.setString(3, v.version());
                });
            }
            return n;
        });
        if (inserted == 0) throw HearthException.conflict("Version already exists: " + v.name() + ":" + v.version());
    }

    @Override
    public List<FunctionVersion> versions(String name) {
        Objects.requireNonNull(name, "name");
        return db.query("list versions of function " + name, SELECT_VERSIONS + " ORDER BY version_number",
                ps -> ps.setString(1, name), rs -> VersionRows.read(rs, 1));
    }

    @Override
    public Optional<FunctionVersion> version(String name, String number) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(number, "number");
        return db.query("get version " + number + " of function " + name, SELECT_VERSIONS + " AND version = ?",
                ps -> bindVersion(ps, name, number), rs -> VersionRows.read(rs, 1)).stream().findFirst();
    }

    @Override
    public long lastVersionNumber(String name) {
        Objects.requireNonNull(name, "name");
        return db.number("read the last version number of function " + name,
                "SELECT COALESCE(MAX(last_version), 0) FROM functions WHERE name = ?",
                ps -> ps.setString(1, name));
    }

    @Override
    public boolean deleteVersion(String name, String number) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(number, "number");
        return db.update("delete version " + number + " of function " + name,
                "DELETE FROM function_versions WHERE name = ? AND version = ?",
                ps -> bindVersion(ps, name, number)) > 0;
    }

    private static void bindVersion(PreparedStatement ps, String name, String number) throws SQLException {
        ps.setString(1, name);
        ps.setString(2, number);
    }
}
