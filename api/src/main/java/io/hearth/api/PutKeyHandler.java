package io.hearth.api;

import io.hearth.engine.KvAdmin;
import io.hearth.model.KvEntry;

/**
 * {@code PUT /hearth/v1/kv/{namespace}/{key}} with the value as the raw body (any bytes, at most
 * {@link KvEntry#MAX_VALUE_BYTES}, else 413 RequestTooLargeException) → 200 {@code {"version":N}},
 * the key's new version.
 */
final class PutKeyHandler implements Operation {
    private final KvAdmin kv;

    PutKeyHandler(KvAdmin kv) {
        this.kv = kv;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        String namespace = KvNamespaceParam.parse(ex.path("namespace"));
        String key = ex.path("key");
        byte[] value = ex.body(KvEntry.MAX_VALUE_BYTES, "PutKey");
        ex.json(200, versionJson(kv.put(namespace, key, value)));
    }

    /** {@code {"version":N}}. */
    static byte[] versionJson(long version) {
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeNumberField("version", version);
            g.writeEndObject();
        });
    }
}
