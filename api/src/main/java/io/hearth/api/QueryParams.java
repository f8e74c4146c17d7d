package io.hearth.api;

import io.hearth.model.HearthException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoded parameters of a raw query string, in order, repeats kept ({@code tagKeys=a&tagKeys=b}).
 * Parsed once per request and only when an operation asks for a parameter.
 */
final class QueryParams {
    private static final QueryParams NONE = new QueryParams(new String[0]);

    private final String[] pairs; // name0, value0, name1, value1, ...

    private QueryParams(String[] pairs) {
        this.pairs = pairs;
    }

    static QueryParams parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return NONE;
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    out.add(decode(rawQuery.substring(start, end)));
                    out.add("");
                } else {
                    out.add(decode(rawQuery.substring(start, eq)));
                    out.add(decode(rawQuery.substring(eq + 1, end)));
                }
            }
            start = end + 1;
        }
        return new QueryParams(out.toArray(String[]::new));
    }

    /** The first value of {@code name}, or null. */
    String first(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) return pairs[i + 1];
        }
        return null;
    }

    /** Every value of {@code name}, in request order. */
    List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) out.add(pairs[i + 1]);
        }
        return out;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HearthException.invalid("Malformed query string parameter: " + s);
        }
    }
}
