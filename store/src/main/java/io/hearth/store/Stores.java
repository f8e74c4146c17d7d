package io.hearth.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Opens a {@link Store}: creates the database if needed and brings its schema up to date with the Flyway
 * migrations in {@code db/migration} (one set for both databases; see {@link Dialect} for the two column
 * types filled in per database). SQLite runs in WAL mode with {@code synchronous=NORMAL}, a busy timeout
 * and foreign keys on, behind one single-connection write pool and a small read pool (see {@link Database}).
 */
public final class Stores {
    private static final int SQLITE_READERS = 4;
    private static final int POSTGRES_POOL = 8;
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private Stores() {}

    /**
     * SQLite at {@code dataDir/hearth.db}, WAL, migrated; creates {@code dataDir} if needed. Dates by the UTC
     * system clock.
     */
    public static Store sqlite(Path dataDir) {
        return sqlite(dataDir, Clock.systemUTC());
    }

    /** As {@link #sqlite(Path)}, dating what the store stamps itself (key-value updatedAt) by {@code clock}. */
    public static Store sqlite(Path dataDir, Clock clock) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Path file = dataDir.resolve("hearth.db").toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw openFailure("SQLite store at " + file, e);
        }
        String url = "jdbc:sqlite:" + file;
        try {
            migrate(sqliteSource(url, true), Dialect.SQLITE);
        } catch (RuntimeException e) {
            throw openFailure("SQLite store at " + file, e);
        }
        HikariDataSource writes = pool("hearth-sqlite-write", 1, sqliteSource(url, true), null);
        try {
            HikariDataSource reads = pool("hearth-sqlite-read", SQLITE_READERS, sqliteSource(url, false),
                    "PRAGMA query_only = true");
            return new JdbcStore(new Database(writes, reads), clock);
        } catch (RuntimeException e) {
            writes.close();
            throw openFailure("SQLite store at " + file, e);
        }
    }

    /** PostgreSQL at {@code jdbcUrl} ({@code user}/{@code password} may be null), migrated; UTC system clock. */
    public static Store postgres(String jdbcUrl, String user, String password) {
        return postgres(jdbcUrl, user, password, Clock.systemUTC());
    }

    /** As {@link #postgres(String, String, String)}, dating what the store stamps itself by {@code clock}. */
    public static Store postgres(String jdbcUrl, String user, String password, Clock clock) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(clock, "clock");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        HikariConfig config = baseConfig("hearth-postgres", POSTGRES_POOL);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw openFailure("PostgreSQL store at " + jdbcUrl, e);
        }
        try {
            migrate(pool, Dialect.POSTGRESQL);
            return new JdbcStore(new Database(pool, pool), clock);
        } catch (RuntimeException e) {
            pool.close();
            throw openFailure("PostgreSQL store at " + jdbcUrl, e);
        }
    }

    private static void migrate(DataSource source, Dialect dialect) {
        Flyway.configure(Stores.class.getClassLoader())
                .dataSource(source)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .load()
                .migrate();
    }

    private static SQLiteDataSource sqliteSource(String url, boolean writer) {
        SQLiteConfig config = new SQLiteConfig();
        if (writer) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }

    private static HikariDataSource pool(String name, int size, DataSource source, String initSql) {
        HikariConfig config = baseConfig(name, size);
        config.setDataSource(source);
        if (initSql != null) config.setConnectionInitSql(initSql);
        return new HikariDataSource(config);
    }

    private static HikariConfig baseConfig(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        return config;
    }

    private static HearthException openFailure(String what, Exception e) {
        return new HearthException(ErrorCode.SERVICE, "Cannot open the " + what + ": " + e.getMessage(), Map.of(), e);
    }
}
