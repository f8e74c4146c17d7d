package io.hearth.store;

import static io.hearth.store.Fixtures.function;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreContract} on the PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres},
 * trust auth), in a schema of its own created for this class and dropped after it, as are the schemas it makes
 * for upgrade tests. When the server is unreachable the class is skipped, unless the environment variable CI is
 * "true": then it fails.
 */
class PostgresStoreTest extends StoreContract {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";
    private static final String SCHEMA = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String URL = SERVER + "?currentSchema=" + SCHEMA;
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createSchema() {
        try (Connection c = DriverManager.getConnection(SERVER + "?connectTimeout=3", USER, null);
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + SCHEMA);
            CREATED.add(SCHEMA);
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + SERVER + " as " + USER + ": " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) fail(why + " (CI=true, so this is a failure)", e);
            Assumptions.abort(why + " - skipping PostgresStoreTest (set CI=true to make this fail)");
        }
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (CREATED.isEmpty()) return;
        try (Connection c = DriverManager.getConnection(SERVER, USER, null); Statement st = c.createStatement()) {
            for (String schema : CREATED) st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    protected Store open() {
        return Stores.postgres(URL, USER, null, clock());
    }

    /** Runs after the store is opened (and so migrated): every test starts from empty tables. */
    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, null); Statement st = c.createStatement()) {
            st.execute("TRUNCATE functions, function_versions, function_aliases, function_concurrency,"
                    + " provisioned_concurrency, queued_events, invocation_logs, kv_entries, idempotency_records,"
                    + " idempotency_decisions");
        }
    }

    /** A schema of its own (dropped after the class) migrated up to {@code schema}. */
    @Override
    public String storageAtSchema(String schema) throws SQLException {
        String name = SCHEMA + "_v" + schema + "_" + CREATED.size();
        try (Connection c = DriverManager.getConnection(SERVER, USER, null); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + name);
            CREATED.add(name);
        }
        String url = SERVER + "?currentSchema=" + name + "&user=" + USER;
        SchemaUpgradeContract.migrateOnlyTo(url, Dialect.POSTGRESQL, schema);
        return url;
    }

    @Override
    public Store openAt(String url) {
        return Stores.postgres(url, USER, null, clock());
    }

    @Test
    void migrationsLandInTheConfiguredSchema() throws SQLException {
        store().functions().create(function("here", "r", 1));
        try (Connection c = DriverManager.getConnection(SERVER, USER, null); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM " + SCHEMA + ".functions")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableServerIsAServiceErrorAndABadUrlIsRefused() {
        assertThatThrownBy(() -> Stores.postgres("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2", USER, null))
                .isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE))
                .hasMessageContaining("127.0.0.1:1");
        assertThatThrownBy(() -> Stores.postgres("jdbc:sqlite:/tmp/x.db", USER, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
