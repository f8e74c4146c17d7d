package io.hearth.store;

import io.hearth.model.FunctionRecord;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Maps a {@link FunctionRecord} to a row of {@code functions} and back, field for field: its {@code $LATEST}
 * snapshot as {@link VersionRows} does, then the tags as a JSON object and the creation instant as epoch
 * milliseconds (NULL when unknown).
 */
final class FunctionRows {
    /** The columns in the order {@link #bind} sets them and {@link #read} expects them. */
    static final String COLUMNS = VersionRows.COLUMNS + ", tags, created_at";
    static final int COLUMN_COUNT = VersionRows.COLUMN_COUNT + 2;

    private static final int TAGS = VersionRows.COLUMN_COUNT + 1;
    private static final int CREATED_AT = VersionRows.COLUMN_COUNT + 2;

    private FunctionRows() {}

    /** Sets parameters {@code 1..COLUMN_COUNT} of {@code ps} to the columns of {@code f}. */
    static void bind(PreparedStatement ps, FunctionRecord f) throws SQLException {
        VersionRows.bind(ps, 1, f.latest());
        ps.setString(TAGS, JsonColumns.write(f.tags()));
        if (f.createdAt() == null) {
            ps.setNull(CREATED_AT, Types.BIGINT);
        } else {
            ps.setLong(CREATED_AT, f.createdAt().toEpochMilli());
        }
    }

    /** The record in the current row of a result selecting {@link #COLUMNS}. */
    static FunctionRecord read(ResultSet rs) throws SQLException {
        long created = rs.getLong(CREATED_AT);
        Instant createdAt = rs.wasNull() ? null : Instant.ofEpochMilli(created);
        return new FunctionRecord(VersionRows.read(rs, 1), VersionRows.stringMap(rs.getString(TAGS)), createdAt);
    }
}
