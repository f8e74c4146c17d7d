package io.hearth.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the fields of a request body. An absent field or a JSON {@code null} reads as
 * null; a value of the wrong JSON type (e.g. {@code "Timeout":"x"}) is a 400
 * InvalidRequestContentException naming the field, as Lambda's deserializer answers.
 */
final class JsonFields {
    private JsonFields() {}

    static String string(ObjectNode o, String field) {
        JsonNode n = present(o, field);
        if (n == null) return null;
        if (!n.isTextual()) throw wrongType(field, "String", n);
        return n.textValue();
    }

    static Integer integer(ObjectNode o, String field) {
        JsonNode n = present(o, field);
        if (n == null) return null;
        if (!n.isIntegralNumber()) throw wrongType(field, "Integer", n);
        if (!n.canConvertToInt()) {
            throw new HearthException(ErrorCode.INVALID_REQUEST_CONTENT, "Could not parse request body into json: "
                    + "Numeric value out of range of int at '" + field + "'");
        }
        return n.intValue();
    }

    static boolean bool(ObjectNode o, String field) {
        JsonNode n = present(o, field);
        if (n == null) return false;
        if (!n.isBoolean()) throw wrongType(field, "Boolean", n);
        return n.booleanValue();
    }

    static ObjectNode object(ObjectNode o, String field) {
        JsonNode n = present(o, field);
        if (n == null) return null;
        if (!n.isObject()) throw wrongType(field, "Object", n);
        return (ObjectNode) n;
    }

    /** A base64 field already decoded by {@link JsonCodec#readObject}. */
    static byte[] binary(ObjectNode o, String field) {
        JsonNode n = present(o, field);
        if (n == null) return null;
        if (!n.isBinary()) throw wrongType(field, "Blob", n);
        return ((BinaryNode) n).binaryValue();
    }

    static Map<String, String> stringMap(ObjectNode o, String field) {
        ObjectNode n = object(o, field);
        if (n == null) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : n.properties()) {
            if (!e.getValue().isTextual()) throw wrongType(field + "." + e.getKey(), "String", e.getValue());
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** An object whose values are JSON numbers (integral or not), read as doubles. */
    static Map<String, Double> doubleMap(ObjectNode o, String field) {
        ObjectNode n = object(o, field);
        if (n == null) return null;
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : n.properties()) {
            if (!e.getValue().isNumber()) throw wrongType(field + "." + e.getKey(), "Double", e.getValue());
            out.put(e.getKey(), e.getValue().doubleValue());
        }
        return out;
    }

    static List<String> stringList(ObjectNode o, String field) {
        JsonNode n = present(o, field);
        if (n == null) return null;
        if (!n.isArray()) throw wrongType(field, "List", n);
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual()) throw wrongType(field + "[]", "String", item);
            out.add(item.textValue());
        }
        return out;
    }

    private static JsonNode present(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n;
    }

    private static HearthException wrongType(String field, String type, JsonNode found) {
        return new HearthException(ErrorCode.INVALID_REQUEST_CONTENT, "Could not parse request body into json: "
                + "Cannot deserialize value of type `" + type + "` from " + kind(found) + " at '" + field + "'");
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING, BINARY -> "String";
            case NUMBER -> n.isIntegralNumber() ? "Integer value" : "Floating-point value";
            case BOOLEAN -> "Boolean value";
            case ARRAY -> "Array value";
            case OBJECT, POJO -> "Object value";
            default -> "unexpected value";
        };
    }
}
