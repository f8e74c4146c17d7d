package io.hearth.api;

import io.hearth.engine.KvAdmin;
import io.hearth.model.HearthException;
import io.hearth.model.KvEntry;

/**
 * {@code GET /hearth/v1/kv/{namespace}/{key}} → 200 with the value's bytes as they were put
 * ({@code application/octet-stream}) and its version in {@code Hearth-Kv-Version}; a key never
 * written or deleted → 404 ResourceNotFoundException.
 */
final class GetKeyHandler implements Operation {
    static final String VERSION = "Hearth-Kv-Version";
    static final String OCTETS = "application/octet-stream";

    private final KvAdmin kv;

    GetKeyHandler(KvAdmin kv) {
        this.kv = kv;
    }

    @Override
    public void handle(Exchange ex) {
        String namespace = KvNamespaceParam.parse(ex.path("namespace"));
        String key = ex.path("key");
        KvEntry entry = kv.get(namespace, key).filter(e -> !e.deleted())
                .orElseThrow(() -> keyNotFound(namespace, key));
        ex.header(VERSION, Long.toString(entry.version()));
        ex.bytes(200, OCTETS, entry.value());
    }

    static HearthException keyNotFound(String namespace, String key) {
        return HearthException.notFound("Key not found: " + key + " in namespace " + namespace);
    }
}
