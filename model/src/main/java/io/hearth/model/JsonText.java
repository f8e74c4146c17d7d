package io.hearth.model;

/**
 * Writes JSON string literals, for the few small bodies built by hand on paths that carry no JSON
 * library (error answers of the Runtime API and of the platform, KV answers).
 */
public final class JsonText {
    private JsonText() {}

    /** {@code text} as a quoted JSON string; {@code null} as the literal null. */
    public static String quote(String text) {
        if (text == null) return "null";
        var out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !paired(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A function-style error body: {@code {"errorType":TYPE,"errorMessage":MESSAGE}}. */
    public static String errorBody(String errorType, String message) {
        return "{\"errorType\":" + quote(errorType) + ",\"errorMessage\":" + quote(message) + "}";
    }

    /** Whether the surrogate at {@code i} is half of a valid pair (a lone one cannot be encoded as UTF-8). */
    private static boolean paired(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
