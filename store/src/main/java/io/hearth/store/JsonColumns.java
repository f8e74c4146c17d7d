package io.hearth.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;

import java.util.Map;

/**
 * The JSON kept in TEXT columns (maps as objects, lists as arrays): written with map keys in order, so a value
 * always has the same text, and read back into the given type. What the store wrote always reads back; a column
 * that does not read is a {@link ErrorCode#SERVICE} failure naming what held it.
 */
final class JsonColumns {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonColumns() {}

    /** The JSON text of {@code value}, a map or list of strings, numbers and records of them. */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps and lists of plain values always serialize", e);
        }
    }

    /** {@code json} as a {@code type}; {@code what} says what held it ("Stored function has a malformed map"). */
    static <T> T read(String json, TypeReference<T> type, String what) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new HearthException(ErrorCode.SERVICE, what + ": " + json, Map.of(), e);
        }
    }
}
