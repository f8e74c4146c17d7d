package io.hearth.store;

import static io.hearth.store.Fixtures.T0;
import static io.hearth.store.Fixtures.alias;
import static io.hearth.store.Fixtures.sha;
import static io.hearth.store.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.CodeRef;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionRecord;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Runtime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The schema-upgrade part of {@link StoreContract}: a database left at an older schema, with data in it, is
 * brought up to date in place when a store opens it. A subclass makes such databases beside its test's storage.
 */
interface SchemaUpgradeContract {

    /** A JDBC URL, credentials included, of new storage apart from the test's, migrated only up to {@code schema}. */
    String storageAtSchema(String schema) throws Exception;

    /** Opens a store over storage that {@link #storageAtSchema} made. */
    Store openAt(String url);

    /** Migrates the database at {@code url} with the store's migrations for {@code dialect} up to {@code schema}. */
    static void migrateOnlyTo(String url, Dialect dialect, String schema) {
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .placeholders(dialect.placeholders()).target(schema).load().migrate();
    }

    @Test
    default void aSchemaThreeDatabaseIsUpgradedInPlaceKeepingItsFunctions() throws Exception {
        String url = storageAtSchema("3");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            insertFunction(st, "old");
            assertThatThrownBy(() -> st.executeQuery("SELECT COUNT(*) FROM function_versions"))
                    .hasMessageContaining("function_versions");
        }
        FunctionConfig config = new FunctionConfig(Runtime.PYTHON_3_12, "app.handler", 30, 512,
                Map.of("STAGE", "prod"), "from schema 3", "arn:aws:iam::123456789012:role/old");
        FunctionRecord old = new FunctionRecord(new FunctionVersion("old", FunctionVersion.LATEST, config,
                new CodeRef(sha(1), 1001), "rev-old", T0), Map.of("team", "core"), T0);

        try (Store s = openAt(url)) {
            assertThat(s.functions().get("old")).contains(old);
            assertThat(s.functions().lastVersionNumber("old")).isZero();
            s.functions().publish(version("old", 1));
            s.aliases().create(alias("old", "live", "1"));
            assertThat(s.functions().versions("old")).containsExactly(version("old", 1));
            assertThat(s.aliases().pointingAt("old", "1")).containsExactly(alias("old", "live", "1"));
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '4'"
                     + " AND success")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    default void aSchemaFiveDatabaseGainsReservationsThatTheDatabaseDeletesWithTheirFunction() throws Exception {
        String url = storageAtSchema("5");
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            insertFunction(st, "old");
            insertFunction(st, "kept");
            assertThatThrownBy(() -> st.executeQuery("SELECT COUNT(*) FROM function_concurrency"))
                    .hasMessageContaining("function_concurrency");
        }

        try (Store s = openAt(url)) {
            assertThat(s.functions().get("old")).isPresent();
            assertThat(s.concurrency().all()).isEmpty();
            s.concurrency().put("old", 3);
            s.concurrency().put("kept", 4);
        }
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM functions WHERE name = 'old'");   // only the foreign key can take it now
            try (ResultSet rs = st.executeQuery("SELECT function_name, reserved FROM function_concurrency")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
                assertThat(rs.getInt(2)).isEqualTo(4);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '6'"
                    + " AND success")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    /** A plain connection to {@code url} that enforces foreign keys (SQLite leaves them off unless asked). */
    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        if (url.startsWith("jdbc:sqlite:")) properties.setProperty("foreign_keys", "true");
        return DriverManager.getConnection(url, properties);
    }

    /** Inserts function {@code name} as schema 3 and later store it, with an execution role. */
    private static void insertFunction(Statement st, String name) throws SQLException {
        long t0 = T0.toEpochMilli();
        st.execute("INSERT INTO functions (name, version, runtime, handler, timeout_seconds, memory_mb,"
                + " environment, description, code_sha256, code_size, revision_id, last_modified, tags,"
                + " created_at, role) VALUES ('" + name + "', '$LATEST', 'python3.12', 'app.handler', 30, 512,"
                + " '{\"STAGE\":\"prod\"}', 'from schema 3', '" + sha(1) + "', 1001, 'rev-" + name + "', " + t0
                + ", '{\"team\":\"core\"}', " + t0 + ", 'arn:aws:iam::123456789012:role/old')");
    }
}
