package io.hearth.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.model.Arns;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link FunctionVersion} as Lambda's {@code FunctionConfiguration}: every field the
 * SDKs, the CLI and the deployment tools' waiters read, with Lambda's fixed values for what Hearth
 * does not vary ({@code State: Active}, {@code LastUpdateStatus: Successful}, {@code PackageType:
 * Zip}, x86_64, 512 MB ephemeral storage, SnapStart off, text logs). {@code Environment} is
 * omitted when the function has no variables, as Lambda does. {@code Role} is the role the function
 * was given, or {@code arn:aws:iam::<account>:role/hearth} when it was created without one.
 */
final class FunctionConfigurationJson {
    static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Arns arns;
    private final String role;

    FunctionConfigurationJson(Arns arns) {
        this.arns = arns;
        this.role = "arn:aws:iam::" + arns.account() + ":role/hearth";
    }

    /**
     * The qualifier a version is shown with when no request named one: none for {@code $LATEST}
     * (the bare ARN), its number for a published version (as CreateFunction and UpdateFunctionCode
     * with {@code Publish} and PublishVersion answer).
     */
    static String ownQualifier(FunctionVersion v) {
        return v.version().equals(FunctionVersion.LATEST) ? null : v.version();
    }

    /**
     * Writes one configuration object. {@code FunctionArn} carries {@code qualifier} when it is not
     * null: the qualifier the caller named ({@code $LATEST}, a number or an alias, as Lambda echoes
     * it), while {@code Version} is always the version itself.
     */
    void write(JsonGenerator g, FunctionVersion v, String qualifier) throws IOException {
        FunctionConfig c = v.config();
        g.writeStartObject();
        g.writeStringField("FunctionName", v.name());
        g.writeStringField("FunctionArn",
                qualifier != null ? arns.function(v.name(), qualifier) : arns.function(v.name()));
        g.writeStringField("Runtime", c.runtime().id());
        g.writeStringField("Role", v.config().role() != null ? v.config().role() : role);
        g.writeStringField("Handler", c.handler());
        g.writeNumberField("CodeSize", v.code().size());
        g.writeStringField("Description", c.description());
        g.writeNumberField("Timeout", c.timeoutSeconds());
        g.writeNumberField("MemorySize", c.memoryMb());
        g.writeStringField("LastModified", LAST_MODIFIED.format(v.lastModified()));
        g.writeStringField("CodeSha256", v.code().sha256Base64());
        g.writeStringField("Version", v.version());
        if (!c.environment().isEmpty()) {
            g.writeObjectFieldStart("Environment");
            writeStringMap(g, "Variables", c.environment());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("TracingConfig");
        g.writeStringField("Mode", "PassThrough");
        g.writeEndObject();
        g.writeStringField("RevisionId", v.revisionId());
        g.writeStringField("State", "Active");
        g.writeStringField("LastUpdateStatus", "Successful");
        g.writeStringField("PackageType", "Zip");
        g.writeArrayFieldStart("Architectures");
        g.writeString("x86_64");
        g.writeEndArray();
        g.writeObjectFieldStart("EphemeralStorage");
        g.writeNumberField("Size", 512);
        g.writeEndObject();
        g.writeObjectFieldStart("SnapStart");
        g.writeStringField("ApplyOn", "None");
        g.writeStringField("OptimizationStatus", "Off");
        g.writeEndObject();
        g.writeObjectFieldStart("LoggingConfig");
        g.writeStringField("LogFormat", "Text");
        g.writeStringField("LogGroup", "/aws/lambda/" + v.name());
        g.writeEndObject();
        g.writeEndObject();
    }

    byte[] toJson(FunctionVersion v, String qualifier) {
        return JsonCodec.write(g -> write(g, v, qualifier));
    }

    static void writeStringMap(JsonGenerator g, String field, Map<String, String> map) throws IOException {
        g.writeObjectFieldStart(field);
        for (var e : map.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
