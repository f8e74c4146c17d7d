package io.hearth.api;

import io.hearth.model.HearthException;

/**
 * The paging query parameters of Lambda's listings ({@code Marker}, {@code MaxItems}): an empty
 * marker means from the start; MaxItems is 1–10000, {@value #DEFAULT_MAX_ITEMS} when absent.
 */
record ListParams(String marker, int maxItems) {
    static final int DEFAULT_MAX_ITEMS = 50;
    static final int MAX_ITEMS = 10_000;

    static ListParams of(Exchange ex) {
        String marker = ex.query("Marker");
        return new ListParams(marker == null || marker.isEmpty() ? null : marker, maxItems(ex.query("MaxItems")));
    }

    static int maxItems(String raw) {
        if (raw == null || raw.isEmpty()) return DEFAULT_MAX_ITEMS;
        int n;
        try {
            n = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw HearthException.invalid("1 validation error detected: Value '" + raw + "' at 'maxItems' failed to "
                    + "satisfy constraint: Member must be an integer");
        }
        if (n < 1 || n > MAX_ITEMS) {
            throw HearthException.invalid("1 validation error detected: Value '" + raw + "' at 'maxItems' failed to "
                    + "satisfy constraint: Member must have value between 1 and " + MAX_ITEMS);
        }
        return n;
    }
}
