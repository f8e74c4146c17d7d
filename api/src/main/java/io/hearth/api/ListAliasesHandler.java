package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.AliasRecord;
import io.hearth.model.Page;

/**
 * {@code GET /2015-03-31/functions/{name}/aliases?FunctionVersion=&Marker=&MaxItems=} →
 * {@code {"Aliases":[…],"NextMarker":…}}, aliases by name; {@code FunctionVersion} keeps only the
 * aliases pointing at that version. NextMarker only when more follow.
 */
final class ListAliasesHandler implements Operation {
    private final ControlPlane control;
    private final AliasConfigurationJson aliases;

    ListAliasesHandler(ControlPlane control, AliasConfigurationJson aliases) {
        this.control = control;
        this.aliases = aliases;
    }

    @Override
    public void handle(Exchange ex) {
        String function = VersioningFields.functionName(ex.path("name"), "ListAliases");
        String version = ex.query("FunctionVersion");
        version = VersioningFields.functionVersion(version == null || version.isEmpty() ? null : version,
                "functionVersion");
        ListParams params = ListParams.of(ex);
        Page<AliasRecord> page = control.listAliases(function, version, params.marker(), params.maxItems());
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Aliases");
            for (AliasRecord a : page.items()) aliases.write(g, a);
            g.writeEndArray();
            if (page.nextMarker() != null) g.writeStringField("NextMarker", page.nextMarker());
            g.writeEndObject();
        }));
    }
}
