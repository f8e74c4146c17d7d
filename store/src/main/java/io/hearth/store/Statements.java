package io.hearth.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one prepared statement on a connection of a {@link Database} transaction: a {@link Binder} sets its
 * parameters (an {@link ItemBinder} per item of a batch) and, for queries (including {@code ... RETURNING}),
 * a {@link RowReader} maps each row.
 */
final class Statements {

    /** Sets the parameters of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Sets the parameters of a statement from one item of a batch. */
    @FunctionalInterface
    interface ItemBinder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    /** Maps the current row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Statements() {}

    /** The parameter list of {@code count} parameters: {@code "?, ?, ?"}. */
    static String params(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Each of the comma-separated {@code columns} set to a parameter, in order: {@code "a = ?, b = ?"}. */
    static String assignments(String columns) {
        return Stream.of(columns.split(",")).map(c -> c.trim() + " = ?").collect(Collectors.joining(", "));
    }

    /** Executes a statement that writes; returns its update count. */
    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /** Executes the statement once per item as one JDBC batch; returns how many items it ran for. */
    static <T> int batch(Connection c, String sql, List<T> items, ItemBinder<T> binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            return ps.executeBatch().length;
        }
    }

    /** Executes a statement that answers rows and maps every row. */
    static <T> List<T> query(Connection c, String sql, Binder binder, RowReader<T> reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) rows.add(reader.read(rs));
                return rows;
            }
        }
    }
}
