package io.hearth.runtime.java;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text into a tree: {@code LinkedHashMap<String, Object>}, {@code ArrayList<Object>},
 * {@code String}, {@link JsonNumber}, {@code Boolean} and {@code null}. Leniency follows Lambda's
 * reader: single-quoted strings, unquoted field names, leading zeros, {@code NaN}/{@code Infinity},
 * control characters inside strings and a backslash before any character are accepted; text after
 * the first complete value is ignored; a duplicate key keeps its last value. Nesting deeper than
 * {@value #MAX_DEPTH} is refused.
 */
final class JsonReader {
    static final int MAX_DEPTH = 1000;
    private static final String VALUE_EXPECTED =
            "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

    private final String s;
    private final int n;
    private int i;

    private JsonReader(String s) {
        this.s = s;
        this.n = s.length();
        this.i = !s.isEmpty() && s.charAt(0) == '\uFEFF' ? 1 : 0;
    }

    static Object parse(byte[] bytes) throws JsonException {
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    static Object parse(String text) throws JsonException {
        var r = new JsonReader(text);
        r.ws();
        if (r.i >= r.n) throw new JsonException("No content to map due to end-of-input" + r.at());
        return r.value(0);
    }

    private Object value(int depth) throws JsonException {
        if (i >= n) throw error("Unexpected end-of-input: " + VALUE_EXPECTED);
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
            case '\'':
                return string(c);
            case '-':
                if (i + 1 < n && s.charAt(i + 1) == 'I') return word("-Infinity", new JsonNumber("-Infinity", false));
                return number();
            case '+':
                if (i + 1 < n && s.charAt(i + 1) == 'I') return word("+Infinity", new JsonNumber("Infinity", false));
                throw unexpected(c, VALUE_EXPECTED);
            default:
                if (c >= '0' && c <= '9') return number();
                if (Character.isLetter(c)) return literal();
                throw unexpected(c, VALUE_EXPECTED);
        }
    }

    private Object literal() throws JsonException {
        int start = i;
        while (i < n && Character.isJavaIdentifierPart(s.charAt(i))) i++;
        String w = s.substring(start, i);
        switch (w) {
            case "true": return Boolean.TRUE;
            case "false": return Boolean.FALSE;
            case "null": return null;
            case "NaN": return new JsonNumber("NaN", false);
            case "Infinity": return new JsonNumber("Infinity", false);
            default:
                i = start;
                throw error("Unrecognized token '" + w + "': was expecting (JSON String, Number, Array, Object or token"
                        + " 'null', 'true' or 'false')");
        }
    }

    private Object word(String w, Object v) throws JsonException {
        if (!s.startsWith(w, i)) throw error("Non-standard token '" + w + "' expected");
        i += w.length();
        return v;
    }

    private Map<String, Object> object(int depth) throws JsonException {
        if (depth > MAX_DEPTH) throw error("Document nesting depth (" + depth + ") exceeds the maximum allowed (" + MAX_DEPTH + ")");
        i++;
        var map = new LinkedHashMap<String, Object>();
        ws();
        if (i < n && s.charAt(i) == '}') {
            i++;
            return map;
        }
        while (true) {
            ws();
            String key = key();
            ws();
            if (i >= n) throw error("Unexpected end-of-input: was expecting a colon to separate field name and value");
            if (s.charAt(i) != ':') throw unexpected(s.charAt(i), "was expecting a colon to separate field name and value");
            i++;
            ws();
            map.put(key, value(depth));
            ws();
            if (i >= n) throw error("Unexpected end-of-input: expected close marker for Object");
            char c = s.charAt(i++);
            if (c == '}') return map;
            if (c != ',') {
                i--;
                throw unexpected(c, "was expecting comma to separate Object entries");
            }
        }
    }

    private String key() throws JsonException {
        if (i >= n) throw error("Unexpected end-of-input: was expecting double-quote to start field name");
        char c = s.charAt(i);
        if (c == '"' || c == '\'') return string(c);
        int start = i;
        while (i < n) {
            char k = s.charAt(i);
            if (!(Character.isLetterOrDigit(k) || k == '_' || k == '$')) break;
            i++;
        }
        if (i == start) throw unexpected(c, "was expecting double-quote to start field name");
        return s.substring(start, i);
    }

    private List<Object> array(int depth) throws JsonException {
        if (depth > MAX_DEPTH) throw error("Document nesting depth (" + depth + ") exceeds the maximum allowed (" + MAX_DEPTH + ")");
        i++;
        var list = new ArrayList<>();
        ws();
        if (i < n && s.charAt(i) == ']') {
            i++;
            return list;
        }
        while (true) {
            ws();
            list.add(value(depth));
            ws();
            if (i >= n) throw error("Unexpected end-of-input: expected close marker for Array");
            char c = s.charAt(i++);
            if (c == ']') return list;
            if (c != ',') {
                i--;
                throw unexpected(c, "was expecting comma to separate Array entries");
            }
        }
    }

    private String string(char quote) throws JsonException {
        int start = ++i;
        while (i < n) {
            char c = s.charAt(i);
            if (c == quote) return s.substring(start, i++);
            if (c == '\\') break;
            i++;
        }
        var sb = new StringBuilder(Math.max(16, (i - start) * 2));
        sb.append(s, start, i);
        while (i < n) {
            char c = s.charAt(i++);
            if (c == quote) return sb.toString();
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i >= n) break;
            char e = s.charAt(i++);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        if (i >= n) throw error("Unexpected end-of-input in character escape sequence");
                        int d = Character.digit(s.charAt(i), 16);
                        if (d < 0) throw unexpected(s.charAt(i), "expected a hex-digit for character escape sequence");
                        v = v * 16 + d;
                        i++;
                    }
                    sb.append((char) v);
                }
                default -> sb.append(e);   // '"', '\\', '/', and any other (lenient)
            }
        }
        throw error("Unexpected end-of-input: was expecting closing quote for a string value");
    }

    private JsonNumber number() throws JsonException {
        int start = i;
        if (s.charAt(i) == '-') i++;
        int digits = i;
        while (i < n && isDigit(s.charAt(i))) i++;
        if (i == digits) throw error("Unexpected character: expected digit after minus sign");
        boolean integral = true;
        if (i < n && s.charAt(i) == '.') {
            integral = false;
            i++;
            int frac = i;
            while (i < n && isDigit(s.charAt(i))) i++;
            if (i == frac) throw error("Unexpected character: Decimal point not followed by a digit");
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            integral = false;
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = i;
            while (i < n && isDigit(s.charAt(i))) i++;
            if (i == exp) throw error("Unexpected character: Exponent indicator not followed by a digit");
        }
        return new JsonNumber(s.substring(start, i), integral);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void ws() {
        while (i < n) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
            i++;
        }
    }

    private JsonException unexpected(char c, String expectation) {
        return error("Unexpected character ('" + c + "' (code " + (int) c + ")): " + expectation);
    }

    private JsonException error(String message) {
        return new JsonException(message + at());
    }

    private String at() {
        int line = 1;
        int col = 1;
        for (int k = 0; k < Math.min(i, n); k++) {
            if (s.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "\n at [Source: (ByteArrayInputStream); line: " + line + ", column: " + col + "]";
    }
}
