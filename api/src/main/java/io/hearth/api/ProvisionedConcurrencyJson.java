package io.hearth.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hearth.engine.ProvisionedConfig;
import io.hearth.model.Arns;
import io.hearth.model.HearthException;
import java.io.IOException;

/**
 * Lambda's provisioned-concurrency shapes: the PutProvisionedConcurrencyConfig body
 * {@code {"ProvisionedConcurrentExecutions": N}} (a whole number from 1 to 2<sup>31</sup>-1, anything else an
 * InvalidParameterValueException), the configuration as Put and Get answer it (Requested, Available and Allocated
 * counts, Status, StatusReason when there is one, LastModified), and the list item, which adds FunctionArn.
 */
final class ProvisionedConcurrencyJson {
    static final String FIELD = "ProvisionedConcurrentExecutions";
    private static final String MEMBER = "provisionedConcurrentExecutions";

    private final Arns arns;

    ProvisionedConcurrencyJson(Arns arns) {
        this.arns = arns;
    }

    /** The amount a request body asks for. */
    static int read(ObjectNode body) {
        JsonNode n = body.get(FIELD);
        if (n == null || n.isNull()) throw VersioningFields.missing(MEMBER);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            String shown = n.toString().length() <= 64 ? n.toString() : n.toString().substring(0, 64) + "...";
            throw HearthException.invalid("1 validation error detected: Value " + shown + " at '" + MEMBER
                    + "' failed to satisfy constraint: Member must be a whole number from 1 to " + Integer.MAX_VALUE);
        }
        if (n.intValue() < 1) {
            throw HearthException.invalid("1 validation error detected: Value " + n.intValue() + " at '" + MEMBER
                    + "' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        return n.intValue();
    }

    /** The configuration as one JSON object (Put, Get). */
    static byte[] toJson(ProvisionedConfig c) {
        return JsonCodec.write(g -> write(g, c, null));
    }

    /** One item of ListProvisionedConcurrencyConfigs: the configuration with the ARN of its version or alias. */
    void writeItem(JsonGenerator g, ProvisionedConfig c) throws IOException {
        write(g, c, arns.function(c.functionName(), c.qualifier()));
    }

    private static void write(JsonGenerator g, ProvisionedConfig c, String functionArn) throws IOException {
        g.writeStartObject();
        if (functionArn != null) g.writeStringField("FunctionArn", functionArn);
        g.writeNumberField("RequestedProvisionedConcurrentExecutions", c.requested());
        g.writeNumberField("AvailableProvisionedConcurrentExecutions", c.available());
        g.writeNumberField("AllocatedProvisionedConcurrentExecutions", c.allocated());
        g.writeStringField("Status", c.status().name());
        if (c.statusReason() != null) g.writeStringField("StatusReason", c.statusReason());
        g.writeStringField("LastModified", FunctionConfigurationJson.LAST_MODIFIED.format(c.lastModified()));
        g.writeEndObject();
    }
}
