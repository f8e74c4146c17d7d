package io.hearth.model;

import java.util.Objects;

/**
 * The observed state of one dependency of an idempotent run: its URI ({@code code:…},
 * {@code kv:NS/KEY}, {@code https://…}, {@code file:/…}) and an opaque token compared for
 * equality (a version, an ETag, a content hash). Tokens are never interpreted, only compared.
 */
public record DependencyState(String uri, String token) {
    public DependencyState {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(token, "token");
    }
}
