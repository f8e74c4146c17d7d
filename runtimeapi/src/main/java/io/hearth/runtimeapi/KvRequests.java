package io.hearth.runtimeapi;

import io.hearth.model.HearthException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses the key-value part of a session path ({@code kv} or {@code kv/{key}}) and its query into
 * a {@link KvCommand}. The key is the rest of the raw path, percent-decoded as UTF-8 ({@code %2F}
 * and a literal {@code /} both stand for '/'); query values are form-decoded ({@code +} is a
 * space). Malformed escapes, invalid UTF-8, an empty key or namespace and a bad limit are
 * refused with {@link HearthException} (400); an unsupported method yields {@code null}.
 */
final class KvRequests {
    private KvRequests() {}

    /**
     * @param rest the raw path after {@code /hearth/v1/}: {@code "kv"} or {@code "kv/<encoded key>"}
     * @param query the raw query, or null
     */
    static KvCommand parse(String method, String rest, String query) {
        Map<String, String> params = query(query);
        String namespace = params.get("namespace");
        if (namespace != null && namespace.isEmpty()) throw HearthException.invalid("namespace must not be empty");
        if (rest.equals("kv")) {
            if (!method.equals("GET")) return null;
            return new KvCommand.Scan(namespace, params.getOrDefault("prefix", ""), params.get("after"),
                    limit(params.get("limit")));
        }
        String key = decode(rest.substring("kv/".length()), false);
        boolean known = method.equals("GET") || method.equals("PUT") || method.equals("DELETE");
        if (!known) return null;
        if (key.isEmpty()) throw HearthException.invalid("missing key: use /hearth/v1/kv/{key}");
        return switch (method) {
            case "GET" -> new KvCommand.Get(namespace, key);
            case "PUT" -> new KvCommand.Put(namespace, key);
            default -> new KvCommand.Delete(namespace, key);
        };
    }

    private static int limit(String text) {
        if (text == null) return KvCommand.DEFAULT_LIST_LIMIT;
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw HearthException.invalid("limit must be an integer, got '" + text + "'");
        }
    }

    /** The query's parameters; the first of repeated names wins. */
    private static Map<String, String> query(String query) {
        var params = new HashMap<String, String>();
        if (query == null || query.isEmpty()) return params;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** Percent-decodes {@code text} as UTF-8, strictly. */
    static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) return text;
        var bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (lo < 0) throw HearthException.invalid("malformed percent-encoding in '" + text + "'");
                bytes.write(hi * 16 + lo);
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
                i++;
            } else {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '%' && !(plusIsSpace && text.charAt(end) == '+')) end++;
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw HearthException.invalid("percent-encoded text is not valid UTF-8: '" + text + "'");
        }
    }
}
