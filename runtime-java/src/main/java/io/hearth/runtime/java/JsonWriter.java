package io.hearth.runtime.java;

import java.io.File;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collection;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes a handler's result as JSON the way Lambda's serializer does: by runtime type; beans and
 * records as objects without their null properties; maps keep their nulls; {@code byte[]} and
 * {@code ByteBuffer} as Base64; enums by name; {@code NaN} and infinities as strings; non-ASCII
 * text unescaped. Nesting deeper than {@value JsonReader#MAX_DEPTH} (a cycle) fails.
 */
final class JsonWriter {
    private static final String HEX = "0123456789ABCDEF";
    private final StringBuilder sb = new StringBuilder(256);
    private final boolean eventDates;

    private JsonWriter(boolean eventDates) {
        this.eventDates = eventDates;
    }

    /** {@code value} as UTF-8 JSON; {@code eventDates} writes Dates as epoch seconds (event classes). */
    static byte[] write(Object value, boolean eventDates) throws JsonException {
        var w = new JsonWriter(eventDates);
        w.value(value, 0);
        return w.sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void value(Object v, int depth) throws JsonException {
        if (depth > JsonReader.MAX_DEPTH) {
            throw new JsonException("Document nesting depth exceeds the maximum allowed (" + JsonReader.MAX_DEPTH
                    + "): a cycle in " + v.getClass().getName() + "?");
        }
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Number n) {
            number(n);
        } else if (v instanceof Character || v instanceof CharSequence) {
            quote(sb, v.toString());
        } else if (v instanceof Map<?, ?> m) {
            map(m, depth);
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object e : c) {
                if (!first) sb.append(',');
                first = false;
                value(e, depth + 1);
            }
            sb.append(']');
        } else if (v.getClass().isArray()) {
            array(v, depth);
        } else if (v instanceof Enum<?> e) {
            quote(sb, e.name());
        } else if (v instanceof Optional<?> o) {
            value(o.orElse(null), depth);
        } else if (v instanceof OptionalInt o) {
            sb.append(o.isPresent() ? Integer.toString(o.getAsInt()) : "null");
        } else if (v instanceof OptionalLong o) {
            sb.append(o.isPresent() ? Long.toString(o.getAsLong()) : "null");
        } else if (v instanceof OptionalDouble o) {
            if (o.isPresent()) number(o.getAsDouble());
            else sb.append("null");
        } else if (v instanceof ByteBuffer b) {
            ByteBuffer d = b.duplicate();
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            quote(sb, Base64.getEncoder().encodeToString(bytes));
        } else if (TimeValues.write(v, sb, eventDates)) {
            return;
        } else if (v instanceof UUID || v instanceof URI || v instanceof URL || v instanceof Locale
                || v instanceof Currency || v instanceof Pattern || v instanceof Charset) {
            quote(sb, v.toString());
        } else if (v instanceof Class<?> c) {
            quote(sb, c.getName());
        } else if (v instanceof File f) {
            quote(sb, f.getAbsolutePath());
        } else if (v instanceof Path p) {
            quote(sb, p.toUri().toString());
        } else if (v instanceof InetAddress a) {
            quote(sb, a.getHostAddress());
        } else if (S3Events.handles(v.getClass())) {
            try {
                value(S3Events.tree(v), depth);
            } catch (ReflectiveOperationException e) {
                throw new JsonException("Cannot write " + v.getClass().getName() + ": " + e, e);
            }
        } else {
            bean(v, depth);
        }
    }

    private void number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) quote(sb, n.toString());
            else sb.append(n);
        } else if (n instanceof BigDecimal d) {
            sb.append(d.toString());
        } else {
            sb.append(n);
        }
    }

    private void map(Map<?, ?> m, int depth) throws JsonException {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = e.getKey();
            if (k == null) throw new JsonException("Null key for a Map not allowed in JSON (use a converting NullKeySerializer?)");
            if (!first) sb.append(',');
            first = false;
            quote(sb, k instanceof Enum<?> en ? en.name() : k instanceof Class<?> c ? c.getName() : k.toString());
            sb.append(':');
            value(e.getValue(), depth + 1);
        }
        sb.append('}');
    }

    private void array(Object a, int depth) throws JsonException {
        if (a instanceof byte[] bytes) {
            quote(sb, Base64.getEncoder().encodeToString(bytes));
            return;
        }
        if (a instanceof char[] chars) {
            quote(sb, new String(chars));
            return;
        }
        sb.append('[');
        int n = Array.getLength(a);
        for (int k = 0; k < n; k++) {
            if (k > 0) sb.append(',');
            value(Array.get(a, k), depth + 1);
        }
        sb.append(']');
    }

    private void bean(Object bean, int depth) throws JsonException {
        BeanModel model = BeanModel.of(bean.getClass());
        sb.append('{');
        boolean first = true;
        for (BeanModel.Property p : model.readable) {
            Object v;
            try {
                v = p.get(bean);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw (JsonException) new JsonException(cause.toString(), cause).under(ref(bean, p.name()));
            } catch (ReflectiveOperationException e) {
                throw (JsonException) new JsonException(e.toString(), e).under(ref(bean, p.name()));
            }
            if (v == null) continue;
            if (v == bean) {
                throw new JsonException("Direct self-reference leading to cycle").under(ref(bean, p.name()));
            }
            if (!first) sb.append(',');
            first = false;
            quote(sb, p.name());
            sb.append(':');
            try {
                value(v, depth + 1);
            } catch (JsonException e) {
                throw e.under(ref(bean, p.name()));
            }
        }
        sb.append('}');
    }

    private static String ref(Object bean, String property) {
        return bean.getClass().getName() + "[\"" + property + "\"]";
    }

    /** Appends {@code s} as a JSON string, escaping quotes, backslashes and control characters. */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int start = 0;
        int n = s.length();
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            sb.append(s, start, k);
            start = k + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
            }
        }
        sb.append(s, start, n).append('"');
    }
}
