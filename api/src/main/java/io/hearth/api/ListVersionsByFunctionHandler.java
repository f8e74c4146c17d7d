package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Page;

/**
 * {@code GET /2015-03-31/functions/{name}/versions?Marker=&MaxItems=} → {@code {"Versions":[…],
 * "NextMarker":…}}: {@code $LATEST} first, then the published versions in ascending order, each
 * under its qualified {@code FunctionArn}; NextMarker only when more follow.
 */
final class ListVersionsByFunctionHandler implements Operation {
    private final ControlPlane control;
    private final FunctionConfigurationJson configs;

    ListVersionsByFunctionHandler(ControlPlane control, FunctionConfigurationJson configs) {
        this.control = control;
        this.configs = configs;
    }

    @Override
    public void handle(Exchange ex) {
        String name = VersioningFields.functionName(ex.path("name"), "ListVersionsByFunction");
        ListParams params = ListParams.of(ex);
        Page<FunctionVersion> page = control.listVersions(name, params.marker(), params.maxItems());
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Versions");
            for (FunctionVersion v : page.items()) configs.write(g, v, v.version());
            g.writeEndArray();
            if (page.nextMarker() != null) g.writeStringField("NextMarker", page.nextMarker());
            g.writeEndObject();
        }));
    }
}
