package io.hearth.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.engine.ControlPlane;
import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionRecord;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.model.Page;
import java.io.IOException;

/**
 * {@code GET /2015-03-31/functions?Marker=&MaxItems=&FunctionVersion=} → {@code {"Functions":[…],
 * "NextMarker":…}}, functions by name, MaxItems per page (see {@link ListParams}); NextMarker only
 * when more follow. Without FunctionVersion each function shows its {@code $LATEST} under the bare
 * ARN. {@code FunctionVersion=ALL} shows every version of each function on the page, each under
 * its qualified ARN ({@code $LATEST} first, then the published versions); MaxItems then counts
 * functions, not versions, so a page may hold more entries than MaxItems.
 */
final class ListFunctionsHandler implements Operation {
    private final ControlPlane control;
    private final FunctionConfigurationJson configs;

    ListFunctionsHandler(ControlPlane control, FunctionConfigurationJson configs) {
        this.control = control;
        this.configs = configs;
    }

    @Override
    public void handle(Exchange ex) {
        ListParams params = ListParams.of(ex);
        String version = ex.query("FunctionVersion");
        if (version != null && !version.equals("ALL")) {
            throw HearthException.invalid("1 validation error detected: Value '" + version + "' at 'functionVersion'"
                    + " failed to satisfy constraint: Member must satisfy enum value set: [ALL]");
        }
        boolean all = version != null;
        Page<FunctionRecord> page = control.list(params.marker(), params.maxItems());
        ex.json(200, JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Functions");
            for (FunctionRecord fn : page.items()) {
                if (all) writeAllVersions(g, fn.name());
                else configs.write(g, fn.latest(), null);
            }
            g.writeEndArray();
            if (page.nextMarker() != null) g.writeStringField("NextMarker", page.nextMarker());
            g.writeEndObject();
        }));
    }

    /** Writes every version of the function; nothing if it was deleted since the page was read. */
    private void writeAllVersions(JsonGenerator g, String functionName) throws IOException {
        String marker = null;
        do {
            Page<FunctionVersion> versions;
            try {
                versions = control.listVersions(functionName, marker, ListParams.MAX_ITEMS);
            } catch (HearthException e) {
                if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) return;
                throw e;
            }
            for (FunctionVersion v : versions.items()) configs.write(g, v, v.version());
            marker = versions.nextMarker();
        } while (marker != null);
    }
}
