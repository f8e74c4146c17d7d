package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.engine.ProvisionedConfig;
import io.hearth.model.HearthException;
import io.hearth.model.Page;

/**
 * {@code GET /2019-09-30/functions/{name}/provisioned-concurrency?List=ALL&Marker=&MaxItems=} →
 * {@code {"ProvisionedConcurrencyConfigs":[…],"NextMarker":…}}, by qualifier; MaxItems 1–50 (Lambda's range),
 * NextMarker only when more follow. The function name must be unqualified.
 */
final class ListProvisionedConcurrencyConfigsHandler implements Operation {
    private static final int MAX_ITEMS = 50;

    private final ControlPlane control;
    private final ProvisionedConcurrencyJson json;

    ListProvisionedConcurrencyConfigsHandler(ControlPlane control, ProvisionedConcurrencyJson json) {
        this.control = control;
        this.json = json;
    }

    @Override
    public void handle(Exchange ex) {
        String function = VersioningFields.functionName(ex.path("name"), "ListProvisionedConcurrencyConfigs");
        if (!"ALL".equals(ex.query("List"))) {
            throw HearthException.invalid("1 validation error detected: Value '" + ex.query("List") + "' at 'list' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [ALL]");
        }
        ListParams params = ListParams.of(ex);
        if (params.maxItems() > MAX_ITEMS) {
            throw HearthException.invalid("1 validation error detected: Value '" + params.maxItems() + "' at "
                    + "'maxItems' failed to satisfy constraint: Member must have value less than or equal to "
                    + MAX_ITEMS);
        }
        Page<ProvisionedConfig> page = control.listProvisionedConcurrency(function, params.marker(),
                params.maxItems());
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("ProvisionedConcurrencyConfigs");
            for (ProvisionedConfig c : page.items()) json.writeItem(g, c);
            g.writeEndArray();
            if (page.nextMarker() != null) g.writeStringField("NextMarker", page.nextMarker());
            g.writeEndObject();
        }));
    }
}
