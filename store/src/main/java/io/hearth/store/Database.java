package io.hearth.store;

import com.zaxxer.hikari.HikariDataSource;
import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The connection pools of one database and the two ways work runs on them, each as one transaction:
 * {@link #read} and {@link #write} (with {@link #query}, {@link #number} and {@link #update} for work that is one
 * statement). SQLite admits one writer at a time, so for SQLite {@code writes} is a
 * pool of exactly one connection: concurrent writers wait for it in the pool (bounded by the pool's
 * connection timeout) instead of failing with {@code SQLITE_BUSY}, while reads use their own pool and,
 * thanks to WAL, run beside the writer. For PostgreSQL both are the same pool. Pools hand out connections
 * with auto-commit off; a {@link SQLException} becomes a {@link HearthException} of {@link ErrorCode#SERVICE}.
 */
final class Database implements AutoCloseable {
    private final HikariDataSource writes;
    private final HikariDataSource reads;

    Database(HikariDataSource writes, HikariDataSource reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** Runs read-only work; {@code what} names it in error messages ("list functions"). */
    <T> T read(String what, SqlWork<T> work) {
        return inTransaction(reads, what, work);
    }

    /** Runs work that writes, committed when it returns normally, rolled back when it throws. */
    <T> T write(String what, SqlWork<T> work) {
        return inTransaction(writes, what, work);
    }

    /** Runs one statement that writes as its own transaction; returns its update count. */
    int update(String what, String sql, Statements.Binder binder) {
        return write(what, c -> Statements.update(c, sql, binder));
    }

    /** Runs one query as its own read-only transaction; answers its rows, each mapped by {@code reader}. */
    <T> List<T> query(String what, String sql, Statements.Binder binder, Statements.RowReader<T> reader) {
        return read(what, c -> Statements.query(c, sql, binder, reader));
    }

    /** Runs one query answering one number (a count, a maximum) as its own read-only transaction. */
    long number(String what, String sql, Statements.Binder binder) {
        return query(what, sql, binder, rs -> rs.getLong(1)).getFirst();
    }

    @Override
    public void close() {
        reads.close();
        if (writes != reads) writes.close();
    }

    private static <T> T inTransaction(DataSource pool, String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new HearthException(ErrorCode.SERVICE, "The store failed to " + what + ": " + e.getMessage(),
                    Map.of(), e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
