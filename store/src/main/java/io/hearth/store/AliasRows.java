package io.hearth.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hearth.model.AliasRecord;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.TreeMap;

/**
 * Maps an {@link AliasRecord} to a row of {@code function_aliases} and back, field for field: the additional
 * version weights as a JSON object of version number to weight.
 */
final class AliasRows {
    /** The key columns, then the others: the order {@link #bind} sets them and {@link #read} expects them. */
    static final String COLUMNS = "function_name, name, function_version, description, additional_version_weights,"
            + " revision_id";
    static final int COLUMN_COUNT = 6;

    private static final TypeReference<TreeMap<String, Double>> WEIGHTS = new TypeReference<>() {};

    private AliasRows() {}

    /** Sets parameters {@code 1..COLUMN_COUNT} of {@code ps} to the columns of {@code a}. */
    static void bind(PreparedStatement ps, AliasRecord a) throws SQLException {
        ps.setString(1, a.functionName());
        ps.setString(2, a.name());
        ps.setString(3, a.functionVersion());
        ps.setString(4, a.description());
        ps.setString(5, JsonColumns.write(a.additionalVersionWeights()));
        ps.setString(6, a.revisionId());
    }

    /** The alias in the current row of a result selecting {@link #COLUMNS}. */
    static AliasRecord read(ResultSet rs) throws SQLException {
        return new AliasRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                JsonColumns.read(rs.getString(5), WEIGHTS, "Stored alias has malformed version weights"),
                rs.getString(6));
    }
}
