package io.hearth.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.model.AliasRecord;
import io.hearth.model.Arns;
import java.io.IOException;

/**
 * Writes an {@link AliasRecord} as Lambda's {@code AliasConfiguration}: {@code AliasArn} (the
 * function ARN qualified with the alias name), {@code Name}, {@code FunctionVersion},
 * {@code Description}, {@code RoutingConfig.AdditionalVersionWeights} (omitted when the alias
 * routes to one version only) and {@code RevisionId}.
 */
final class AliasConfigurationJson {
    private final Arns arns;

    AliasConfigurationJson(Arns arns) {
        this.arns = arns;
    }

    void write(JsonGenerator g, AliasRecord a) throws IOException {
        g.writeStartObject();
        g.writeStringField("AliasArn", arns.function(a.functionName(), a.name()));
        g.writeStringField("Name", a.name());
        g.writeStringField("FunctionVersion", a.functionVersion());
        g.writeStringField("Description", a.description());
        if (!a.additionalVersionWeights().isEmpty()) {
            g.writeObjectFieldStart("RoutingConfig");
            g.writeObjectFieldStart("AdditionalVersionWeights");
            for (var e : a.additionalVersionWeights().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeStringField("RevisionId", a.revisionId());
        g.writeEndObject();
    }

    byte[] toJson(AliasRecord a) {
        return JsonCodec.write(g -> write(g, a));
    }
}
