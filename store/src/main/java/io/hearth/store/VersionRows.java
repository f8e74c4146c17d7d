package io.hearth.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hearth.model.CodeRef;
import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a {@link FunctionVersion} to the columns every stored snapshot has and back, field for field: the
 * {@code $LATEST} one in {@code functions} and the published ones in {@code function_versions} alike. The
 * runtime is kept by its Lambda id, the environment as a JSON object, instants as epoch milliseconds.
 */
final class VersionRows {
    /** The columns in the order {@link #bind} sets them and {@link #read} expects them. */
    static final String COLUMNS = "name, version, runtime, handler, timeout_seconds, memory_mb, environment,"
            + " description, code_sha256, code_size, revision_id, last_modified, role";
    static final int COLUMN_COUNT = 13;

    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {};

    private VersionRows() {}

    /** Sets parameters {@code first .. first + COLUMN_COUNT - 1} of {@code ps} to the columns of {@code v}. */
    static void bind(PreparedStatement ps, int first, FunctionVersion v) throws SQLException {
        FunctionConfig c = v.config();
        int i = first;
        ps.setString(i++, v.name());
        ps.setString(i++, v.version());
        ps.setString(i++, c.runtime().id());
        ps.setString(i++, c.handler());
        ps.setInt(i++, c.timeoutSeconds());
        ps.setInt(i++, c.memoryMb());
        ps.setString(i++, JsonColumns.write(c.environment()));
        ps.setString(i++, c.description());
        ps.setString(i++, v.code().sha256Hex());
        ps.setLong(i++, v.code().size());
        ps.setString(i++, v.revisionId());
        ps.setLong(i++, v.lastModified().toEpochMilli());
        ps.setString(i, c.role());
    }

    /** The snapshot in columns {@code first ..} of the current row of a result selecting {@link #COLUMNS}. */
    static FunctionVersion read(ResultSet rs, int first) throws SQLException {
        String name = rs.getString(first);
        String runtimeId = rs.getString(first + 2);
        Runtime runtime = Runtime.of(runtimeId).orElseThrow(() -> new HearthException(ErrorCode.SERVICE,
                "Stored function " + name + " has an unknown runtime: " + runtimeId));
        FunctionConfig config = new FunctionConfig(runtime, rs.getString(first + 3), rs.getInt(first + 4),
                rs.getInt(first + 5), stringMap(rs.getString(first + 6)), rs.getString(first + 7),
                rs.getString(first + 12));
        return new FunctionVersion(name, rs.getString(first + 1), config,
                new CodeRef(rs.getString(first + 8), rs.getLong(first + 9)), rs.getString(first + 10),
                Instant.ofEpochMilli(rs.getLong(first + 11)));
    }

    /** A map of strings stored by {@link JsonColumns#write}. */
    static Map<String, String> stringMap(String json) {
        return JsonColumns.read(json, STRING_MAP, "Stored function has a malformed map");
    }
}
