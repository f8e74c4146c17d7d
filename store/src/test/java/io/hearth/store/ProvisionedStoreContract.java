package io.hearth.store;

import static io.hearth.store.Fixtures.T0;
import static io.hearth.store.Fixtures.function;
import static io.hearth.store.Fixtures.version;
import static io.hearth.store.VersionStoreContract.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The {@link ProvisionedStore} part of {@link StoreContract}: configurations keyed by function and qualifier,
 * replaced by a second put, gone with their function, kept across a reopen, and the upgrade of a schema 7 database.
 */
interface ProvisionedStoreContract {

    Store store();

    /** Closes the test's store and opens it again (see {@link StoreContract}). */
    void reopen();

    String storageAtSchema(String schema) throws Exception;

    Store openAt(String url);

    private ProvisionedStore provisioned() {
        return store().provisioned();
    }

    private void createFunctions(String... names) {
        for (String n : names) store().functions().create(function(n, "r", 1));
    }

    private static ProvisionedSetting setting(String function, String qualifier, int n, int second) {
        return new ProvisionedSetting(function, qualifier, n, T0.plusSeconds(second));
    }

    @Test
    default void provisionedPutThenGetRoundTripsAndAPutReplacesIt() {
        createFunctions("fn");

        provisioned().put(setting("fn", "1", 2, 0));
        assertThat(provisioned().get("fn", "1")).contains(setting("fn", "1", 2, 0));
        provisioned().put(setting("fn", "1", 7, 5));
        assertThat(provisioned().get("fn", "1")).contains(setting("fn", "1", 7, 5));
        provisioned().put(setting("fn", "live", Integer.MAX_VALUE, 6));
        assertThat(provisioned().get("fn", "live")).contains(setting("fn", "live", Integer.MAX_VALUE, 6));

        assertThat(provisioned().get("fn", "2")).isEmpty();
        assertThat(provisioned().get("ghost", "1")).isEmpty();
        assertThat(provisioned().list("fn")).hasSize(2);
    }

    @Test
    default void provisioningAnUnknownFunctionIsNotFoundAndStoresNothing() {
        assertRefused(() -> provisioned().put(setting("ghost", "1", 1, 0)), ErrorCode.RESOURCE_NOT_FOUND,
                "Function not found: ghost");

        createFunctions("ghost");
        assertThat(provisioned().get("ghost", "1")).isEmpty();
        assertThat(provisioned().all()).isEmpty();
    }

    @Test
    default void aSettingBelowOneOrWithoutItsFieldsCannotBeMade() {
        assertThatThrownBy(() -> setting("fn", "1", 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> setting("fn", "1", -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProvisionedSetting(null, "1", 1, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ProvisionedSetting("fn", null, 1, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ProvisionedSetting("fn", "1", 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> provisioned().put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> provisioned().get(null, "1")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> provisioned().get("fn", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> provisioned().delete("fn", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    default void provisionedDeleteRemovesOnlyThatQualifier() {
        createFunctions("fn", "other");
        provisioned().put(setting("fn", "1", 2, 0));
        provisioned().put(setting("fn", "live", 3, 0));
        provisioned().put(setting("other", "1", 4, 0));

        assertThat(provisioned().delete("fn", "1")).isTrue();
        assertThat(provisioned().delete("fn", "1")).isFalse();
        assertThat(provisioned().delete("ghost", "1")).isFalse();

        assertThat(provisioned().all()).containsExactly(setting("fn", "live", 3, 0), setting("other", "1", 4, 0));
    }

    @Test
    default void listsAreInCodePointOrderOfFunctionThenQualifier() {
        createFunctions("b", "A", "a_1");
        provisioned().put(setting("b", "live", 1, 0));
        provisioned().put(setting("b", "10", 1, 0));
        provisioned().put(setting("b", "9", 1, 0));
        provisioned().put(setting("b", "Z", 1, 0));
        provisioned().put(setting("A", "1", 1, 0));
        provisioned().put(setting("a_1", "1", 1, 0));

        assertThat(provisioned().list("b")).extracting(ProvisionedSetting::qualifier)
                .containsExactly("10", "9", "Z", "live");
        assertThat(provisioned().all()).extracting(s -> s.functionName() + ":" + s.qualifier())
                .containsExactly("A:1", "a_1:1", "b:10", "b:9", "b:Z", "b:live");
        assertThat(provisioned().list("ghost")).isEmpty();
    }

    @Test
    default void deletingAFunctionDeletesItsConfigurationsAndARecreatedFunctionHasNone() {
        createFunctions("fn", "kept");
        store().functions().publish(version("fn", 1));
        provisioned().put(setting("fn", "1", 2, 0));
        provisioned().put(setting("fn", "live", 2, 0));
        provisioned().put(setting("kept", "1", 5, 0));

        assertThat(store().functions().delete("fn")).isTrue();

        assertThat(provisioned().list("fn")).isEmpty();
        assertThat(provisioned().all()).containsExactly(setting("kept", "1", 5, 0));
        createFunctions("fn");
        assertThat(provisioned().get("fn", "1")).isEmpty();
    }

    @Test
    default void configurationsSurviveCloseAndReopen() {
        createFunctions("fn");
        provisioned().put(setting("fn", "3", 4, 9));

        reopen();

        assertThat(provisioned().all()).containsExactly(setting("fn", "3", 4, 9));
    }

    @Test
    default void aSchemaSevenDatabaseGainsConfigurationsThatTheDatabaseDeletesWithTheirFunction() throws Exception {
        String url = storageAtSchema("7");
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT COUNT(*) FROM provisioned_concurrency"))
                    .hasMessageContaining("provisioned_concurrency");
        }
        try (Store s = openAt(url)) {
            s.functions().create(function("old", "r", 1));
            s.functions().create(function("kept", "r", 2));
            s.provisioned().put(setting("old", "1", 2, 0));
            s.provisioned().put(setting("kept", "live", 3, 0));
        }
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM functions WHERE name = 'old'");   // only the foreign key can take it now
            try (ResultSet rs = st.executeQuery("SELECT function_name, qualifier FROM provisioned_concurrency")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1) + ":" + rs.getString(2)).isEqualTo("kept:live");
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '8'"
                    + " AND success")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    /** A plain connection to {@code url} that enforces foreign keys (SQLite leaves them off unless asked). */
    private static Connection connect(String url) throws Exception {
        Properties properties = new Properties();
        if (url.startsWith("jdbc:sqlite:")) properties.setProperty("foreign_keys", "true");
        return DriverManager.getConnection(url, properties);
    }
}
