package io.hearth.api;

import io.hearth.engine.KvAdmin;

/**
 * {@code DELETE /hearth/v1/kv/{namespace}/{key}} → 200 {@code {"version":N}}: the key's version
 * after the delete (a delete counts as a write; deleting an already deleted key writes nothing and
 * answers its current version). A key that was never written (the store answers version 0) → 404
 * ResourceNotFoundException; nothing was written.
 */
final class DeleteKeyHandler implements Operation {
    private final KvAdmin kv;

    DeleteKeyHandler(KvAdmin kv) {
        this.kv = kv;
    }

    @Override
    public void handle(Exchange ex) {
        String namespace = KvNamespaceParam.parse(ex.path("namespace"));
        String key = ex.path("key");
        long version = kv.delete(namespace, key);
        if (version == 0) throw GetKeyHandler.keyNotFound(namespace, key);
        ex.json(200, PutKeyHandler.versionJson(version));
    }
}
