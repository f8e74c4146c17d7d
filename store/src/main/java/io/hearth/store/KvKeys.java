package io.hearth.store;

import io.hearth.model.HearthException;

import java.nio.charset.StandardCharsets;

/**
 * The rules for key-value namespaces and keys, and the key range a listing prefix covers.
 *
 * <p>A namespace has 1 to 256 characters and a key 1 to 1024 (characters are Unicode code points). Both
 * must be well-formed text without NUL (PostgreSQL cannot store NUL, and a lone surrogate has no UTF-8
 * form), and together they must fit in {@value #MAX_COMBINED_BYTES} bytes of UTF-8: PostgreSQL refuses
 * index entries over 2704 bytes, which 1024 four-byte characters plus a namespace would exceed. Text of
 * characters taking at most two bytes (ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic ...) always fits; only
 * long keys of CJK text or emoji can reach the bound.
 *
 * <p>Both databases order keys by code point (UTF-8 byte order), so the keys starting with a prefix are
 * exactly those in {@code [prefix, prefixEnd(prefix))}: a range the primary key index answers directly.
 */
final class KvKeys {
    static final int MAX_NAMESPACE_CHARS = 256;
    static final int MAX_KEY_CHARS = 1024;
    static final int MAX_COMBINED_BYTES = 2560;

    private KvKeys() {}

    static void requireValid(String namespace, String key) {
        requireNamespace(namespace);
        requireText("key", key, MAX_KEY_CHARS);
        int bytes = utf8Length(namespace) + utf8Length(key);
        if (bytes > MAX_COMBINED_BYTES) {
            throw invalid("Value at 'key' failed to satisfy constraint: Member must be at most "
                    + MAX_COMBINED_BYTES + " bytes of UTF-8 together with its namespace (it is " + bytes + ")");
        }
    }

    static void requireNamespace(String namespace) {
        requireText("namespace", namespace, MAX_NAMESPACE_CHARS);
    }

    /** A listing prefix: null and "" mean every key, anything else follows a key's rules. */
    static String requirePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) return "";
        requireText("prefix", prefix, MAX_KEY_CHARS);
        return prefix;
    }

    /**
     * The least string greater than every string starting with {@code prefix}, or null when there is none
     * (an empty prefix, or one made only of U+10FFFF): the prefix without its trailing U+10FFFF characters,
     * its last code point incremented (jumping over the surrogate block, which text never contains).
     */
    static String prefixEnd(String prefix) {
        int end = prefix.length();
        while (end > 0 && prefix.codePointBefore(end) == Character.MAX_CODE_POINT) {
            end -= Character.charCount(Character.MAX_CODE_POINT);
        }
        if (end == 0) return null;
        int last = prefix.codePointBefore(end);
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        return new StringBuilder(prefix.substring(0, end - Character.charCount(last))).appendCodePoint(next).toString();
    }

    private static void requireText(String field, String value, int maxChars) {
        if (value == null) {
            throw invalid("Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
        }
        if (value.isEmpty()) {
            throw invalid("Value '' at '" + field + "' failed to satisfy constraint: Member must have length"
                    + " greater than or equal to 1");
        }
        int chars = value.codePointCount(0, value.length());
        if (chars > maxChars) {
            throw invalid("Value at '" + field + "' failed to satisfy constraint: Member must have length less"
                    + " than or equal to " + maxChars + " (it is " + chars + ")");
        }
        if (!wellFormed(value)) {
            throw invalid("Value at '" + field + "' failed to satisfy constraint: Member must be well-formed"
                    + " Unicode text without NUL characters");
        }
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == 0 || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) return false;
            i += Character.charCount(cp);
        }
        return true;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static HearthException invalid(String constraint) {
        return HearthException.invalid("1 validation error detected: " + constraint);
    }
}
