package io.hearth.api;

import io.hearth.model.HearthException;

/** The {@code limit} query parameter of Hearth's listings: absent means the default, else 1–max. */
final class LimitParam {
    private LimitParam() {}

    static int parse(String raw, int defaultLimit, int max) {
        if (raw == null || raw.isEmpty()) return defaultLimit;
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HearthException.invalid("limit must be an integer between 1 and " + max + "; got '" + raw + "'");
    }
}
