package io.hearth.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * Lambda's {@code Concurrency} shape, {@code {"ReservedConcurrentExecutions": N}}, both ways: read
 * from a PutFunctionConcurrency body, where N must be a whole number from 0 to 2<sup>31</sup>-1
 * (anything else, a missing or mistyped value included, is an InvalidParameterValueException; how
 * much the node can reserve is the engine's to check), and written for the concurrency operations
 * and GetFunction.
 */
final class ReservedConcurrencyJson {
    static final String FIELD = "ReservedConcurrentExecutions";
    private static final String MEMBER = "reservedConcurrentExecutions";

    private ReservedConcurrencyJson() {}

    /** The reservation a request body asks for. */
    static int read(ObjectNode body) {
        JsonNode n = body.get(FIELD);
        if (n == null || n.isNull()) throw VersioningFields.missing(MEMBER);
        if (n.isIntegralNumber() && n.canConvertToInt() && n.intValue() < 0) {
            throw HearthException.invalid("1 validation error detected: Value " + n.intValue() + " at '" + MEMBER
                    + "' failed to satisfy constraint: Member must have value greater than or equal to 0");
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw HearthException.invalid("1 validation error detected: Value " + abbreviate(n.toString()) + " at '"
                    + MEMBER + "' failed to satisfy constraint: Member must be a whole number from 0 to "
                    + Integer.MAX_VALUE);
        }
        return n.intValue();
    }

    /** {@code {"ReservedConcurrentExecutions": N}}, or {@code {}} when there is no reservation. */
    static byte[] toJson(OptionalInt reserved) {
        return JsonCodec.write(g -> {
            g.writeStartObject();
            if (reserved.isPresent()) g.writeNumberField(FIELD, reserved.getAsInt());
            g.writeEndObject();
        });
    }

    /** GetFunction's {@code "Concurrency": {...}} member; nothing when there is no reservation. */
    static void writeMember(JsonGenerator g, OptionalInt reserved) throws IOException {
        if (reserved.isEmpty()) return;
        g.writeObjectFieldStart("Concurrency");
        g.writeNumberField(FIELD, reserved.getAsInt());
        g.writeEndObject();
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
