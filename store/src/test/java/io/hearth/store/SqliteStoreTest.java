package io.hearth.store;

import static io.hearth.store.Fixtures.T0;
import static io.hearth.store.Fixtures.function;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.model.LogEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreContract} on SQLite in a fresh temporary data directory per test, plus SQLite specifics. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path tmp;

    @Override
    protected Store open() {
        return Stores.sqlite(tmp.resolve("data"), clock());
    }

    @Override
    public String storageAtSchema(String schema) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("schema-" + schema));
        String url = "jdbc:sqlite:" + dir.resolve("hearth.db");
        SchemaUpgradeContract.migrateOnlyTo(url, Dialect.SQLITE, schema);
        return url;
    }

    @Override
    public Store openAt(String url) {
        return Stores.sqlite(Path.of(url.substring("jdbc:sqlite:".length())).getParent(), clock());
    }

    @Test
    void createsTheDataDirectoryAndADatabaseInWalMode() throws Exception {
        Path nested = tmp.resolve("a/b/c");
        try (Store s = Stores.sqlite(nested)) {
            s.functions().create(function("f", "r", 1));
        }

        assertThat(nested.resolve("hearth.db")).isRegularFile();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + nested.resolve("hearth.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void reopeningTheSameDirectoryDoesNotMigrateAgainOrLoseData() {
        store().functions().create(function("kept", "r", 1));
        try (Store second = open()) {
            assertThat(second.functions().get("kept")).contains(function("kept", "r", 1));
        }
        assertThat(store().functions().count()).isEqualTo(1);
    }

    @Test
    void aDatabaseOfSchemaOneIsUpgradedInPlaceKeepingItsData() throws Exception {
        String url = storageAtSchema("1");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO invocation_logs VALUES ('req-old', 'fn', '$LATEST', "
                    + T0.toEpochMilli() + ", 'from schema 1')");
            assertThatThrownBy(() -> st.executeQuery("SELECT COUNT(*) FROM kv_entries"))
                    .hasMessageContaining("kv_entries");
        }

        try (Store s = openAt(url)) {
            assertThat(s.logs().byRequest("req-old")).contains(new LogEntry("req-old", "fn", "$LATEST", T0,
                    "from schema 1"));
            assertThat(s.kv().put("ns", "k", new byte[] {1})).isEqualTo(1);
            assertThat(s.idempotency().count("fn")).isZero();
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM flyway_schema_history WHERE success = 1")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("8");
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsAServiceErrorNamingIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> Stores.sqlite(file))
                .isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE))
                .hasMessageContaining("not-a-dir");
    }
}
