package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.FunctionRecord;
import io.hearth.model.FunctionRef;
import io.hearth.model.FunctionVersion;
import java.util.OptionalInt;

/**
 * {@code GET /2015-03-31/functions/{name}?Qualifier=} → {@code Configuration} (of the version the
 * reference names, {@code FunctionArn} carrying the qualifier as given), {@code Code}
 * ({@code RepositoryType: S3}, {@code Location}: this server's {@code /hearth/v1/code/<sha256>}
 * download of that version's code, addressed by the Host the client used), the function's
 * {@code Tags} and its {@code Concurrency} ({@code ReservedConcurrentExecutions}; each omitted
 * when there is none, whatever the qualifier).
 */
final class GetFunctionHandler implements Operation {
    private final ControlPlane control;
    private final FunctionConfigurationJson configs;

    GetFunctionHandler(ControlPlane control, FunctionConfigurationJson configs) {
        this.control = control;
        this.configs = configs;
    }

    @Override
    public void handle(Exchange ex) {
        FunctionRef ref = FunctionRef.parse(ex.path("name"), ex.query("Qualifier"));
        FunctionRecord fn = control.get(ref);
        FunctionVersion v = ref.qualifier().isPresent() ? control.getVersion(ref) : fn.latest();
        String location = ex.baseUrl() + "/hearth/v1/code/" + v.code().sha256Hex();
        OptionalInt reserved = control.reservedConcurrency(fn.name());
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeFieldName("Configuration");
            configs.write(g, v, ref.qualifier().orElse(null));
            g.writeObjectFieldStart("Code");
            g.writeStringField("RepositoryType", "S3");
            g.writeStringField("Location", location);
            g.writeEndObject();
            if (!fn.tags().isEmpty()) FunctionConfigurationJson.writeStringMap(g, "Tags", fn.tags());
            ReservedConcurrencyJson.writeMember(g, reserved);
            g.writeEndObject();
        }));
    }
}
