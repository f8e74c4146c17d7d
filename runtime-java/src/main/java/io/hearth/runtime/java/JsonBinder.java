package io.hearth.runtime.java;

import java.io.File;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads a parsed JSON tree ({@link JsonReader}) into the handler's declared input type, with the
 * leniency of Lambda's serializer: unknown properties are ignored; a single value is accepted for
 * a collection and a one-element array for a single value; an empty string or empty array reads
 * as null for objects; numbers and booleans read as strings, numeric strings as numbers, floats as
 * integers (cut), null as a primitive's zero; unknown enum names as null. A String target refuses
 * an object ({@code Cannot deserialize value of type `java.lang.String` from Object value}), as
 * Lambda's does. {@code Object} targets get maps, lists, strings, Integer/Long/BigInteger/Double
 * and Booleans.
 */
final class JsonBinder {
    private final boolean eventDates;

    private JsonBinder(boolean eventDates) {
        this.eventDates = eventDates;
    }

    static Object read(byte[] json, Type type, boolean eventDates) throws JsonException {
        return new JsonBinder(eventDates).bind(JsonReader.parse(json), type);
    }

    static Object bind(Object tree, Type type, boolean eventDates) throws JsonException {
        return new JsonBinder(eventDates).bind(tree, type);
    }

    private Object bind(Object node, Type type) throws JsonException {
        Class<?> c = GenericTypes.raw(type);
        if (node == null) return c.isPrimitive() ? zero(c) : c == Optional.class ? Optional.empty() : null;
        if (c == Object.class) return natural(node);
        if (c == String.class || c == CharSequence.class) return string(node);
        if (c.isPrimitive() || c == Integer.class || c == Long.class || c == Double.class || c == Boolean.class
                || c == Float.class || c == Short.class || c == Byte.class || c == Character.class
                || c == BigDecimal.class || c == BigInteger.class || c == Number.class) {
            Object single = unwrap(node, c);
            return single == null ? (c.isPrimitive() ? zero(c) : null) : scalar(single, c);
        }
        if (c == Void.class) return null;
        if (c.isArray()) return array(node, c);
        if (Collection.class.isAssignableFrom(c) || c == Iterable.class) return collection(node, c, type);
        if (isEmptyObject(node)) return null;
        if (c.isEnum()) return enumValue(unwrap(node, c), c);
        if (Map.class.isAssignableFrom(c)) return map(unwrap(node, c), c, type);
        if (c == Optional.class) return Optional.ofNullable(bind(node, GenericTypes.argument(type, 0)));
        if (c == ByteBuffer.class) return ByteBuffer.wrap((byte[]) array(node, byte[].class));
        if (TimeValues.isTime(c)) {
            Object t = TimeValues.read(node instanceof List<?> l && l.size() == 1 ? l.get(0) : node, c, eventDates);
            if (t != TimeValues.NOT_TIME) return t;
        }
        if (S3Events.handles(c)) return S3Events.read(unwrap(node, c), c);
        Object fromText = fromText(unwrap(node, c), c);
        if (fromText != null) return fromText;
        return bean(unwrap(node, c), c, type);
    }

    /** A one-element array read as its element; longer arrays are refused. */
    private static Object unwrap(Object node, Class<?> target) throws JsonException {
        if (!(node instanceof List<?> list)) return node;
        if (list.size() == 1) return list.get(0);
        if (list.isEmpty() && !target.isPrimitive() && target != String.class) return null;
        throw new JsonException("Cannot deserialize value of type `" + target.getTypeName() + "` from Array value (token `JsonToken.START_ARRAY`)");
    }

    private static boolean isEmptyObject(Object node) {
        return (node instanceof String s && s.isEmpty()) || (node instanceof List<?> l && l.isEmpty());
    }

    private static String string(Object node) throws JsonException {
        Object v = unwrap(node, String.class);
        if (v == null) return null;
        if (v instanceof String s) return s;
        if (v instanceof JsonNumber n) return n.text();
        if (v instanceof Boolean b) return b.toString();
        throw new JsonException("Cannot deserialize value of type `java.lang.String` from " + describe(v));
    }

    private static Object scalar(Object v, Class<?> c) throws JsonException {
        if (v instanceof Map || v instanceof List) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + describe(v));
        }
        if (v instanceof String s && s.isEmpty()) return c.isPrimitive() ? zero(c) : null;
        if (c == boolean.class || c == Boolean.class) return bool(v, c);
        if (c == char.class || c == Character.class) return character(v, c);
        if (v instanceof Boolean) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + describe(v));
        }
        JsonNumber n = v instanceof JsonNumber num ? num : numeric((String) v, c);
        try {
            if (c == int.class || c == Integer.class) return (int) integral(n, c, 31);
            if (c == long.class || c == Long.class) return integral(n, c, 63);
            if (c == short.class || c == Short.class) return (short) integral(n, c, 15);
            if (c == byte.class || c == Byte.class) return (byte) integral(n, c, 7);
            if (c == double.class || c == Double.class) return n.doubleValue();
            if (c == float.class || c == Float.class) return (float) n.doubleValue();
            if (c == BigInteger.class) return n.bigInteger();
            if (c == BigDecimal.class) return n.bigDecimal();
            return n.natural();                                  // Number
        } catch (NumberFormatException e) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + describe(v)
                    + ": not a valid `" + c.getName() + "` value");
        }
    }

    private static JsonNumber numeric(String s, Class<?> c) throws JsonException {
        String t = s.trim();
        boolean integral = true;
        for (int k = 0; k < t.length(); k++) {
            char ch = t.charAt(k);
            if (ch == '.' || ch == 'e' || ch == 'E' || Character.isLetter(ch)) integral = false;
        }
        var n = new JsonNumber(t, integral);
        try {
            if (integral) new BigInteger(t);
            else n.doubleValue();
        } catch (NumberFormatException e) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from String \"" + s
                    + "\": not a valid `" + c.getName() + "` value");
        }
        if (!integral && c != double.class && c != Double.class && c != float.class && c != Float.class
                && c != BigDecimal.class && c != Number.class) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from String \"" + s
                    + "\": not a valid `" + c.getName() + "` value");
        }
        return n;
    }

    private static long integral(JsonNumber n, Class<?> c, int bits) throws JsonException {
        if (n.nonFinite()) throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + describe(n));
        BigInteger b = n.bigInteger();
        if (b.bitLength() > bits) {
            throw new JsonException("Numeric value (" + n.text() + ") out of range of " + c.getName() + " ("
                    + BigInteger.ONE.shiftLeft(bits).negate() + " - " + BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE) + ")");
        }
        return b.longValue();
    }

    private static Object bool(Object v, Class<?> c) throws JsonException {
        if (v instanceof Boolean b) return b;
        if (v instanceof JsonNumber n && n.integral()) return !n.bigInteger().equals(BigInteger.ZERO);
        if (v instanceof String s) {
            if (s.trim().equalsIgnoreCase("true")) return true;
            if (s.trim().equalsIgnoreCase("false")) return false;
        }
        throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + describe(v)
                + ": only \"true\" or \"false\" recognized");
    }

    private static Object character(Object v, Class<?> c) throws JsonException {
        if (v instanceof String s && s.length() == 1) return s.charAt(0);
        if (v instanceof JsonNumber n && n.integral()) {
            BigInteger b = n.bigInteger();
            if (b.signum() >= 0 && b.bitLength() <= 16) return (char) b.intValue();
        }
        throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + describe(v)
                + ": expected a String of length 1");
    }

    private static Object zero(Class<?> c) {
        if (c == boolean.class) return false;
        if (c == char.class) return (char) 0;
        if (c == long.class) return 0L;
        if (c == double.class) return 0.0;
        if (c == float.class) return 0.0f;
        if (c == short.class) return (short) 0;
        if (c == byte.class) return (byte) 0;
        return 0;
    }

    private static Object enumValue(Object v, Class<?> c) throws JsonException {
        if (v == null) return null;
        Object[] constants = c.getEnumConstants();
        if (v instanceof String s) {
            for (Object e : constants) if (((Enum<?>) e).name().equals(s)) return e;
            return null;                                         // unknown names read as null
        }
        if (v instanceof JsonNumber n && n.integral()) {
            BigInteger b = n.bigInteger();
            return b.signum() >= 0 && b.compareTo(BigInteger.valueOf(constants.length)) < 0 ? constants[b.intValue()] : null;
        }
        throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + describe(v));
    }

    private Object array(Object node, Class<?> c) throws JsonException {
        Class<?> component = c.getComponentType();
        if (component == byte.class && node instanceof String s) return base64(s);
        if (component == char.class && node instanceof String s) return s.toCharArray();
        List<?> items = node instanceof List<?> l ? l : isEmptyObject(node) ? null : List.of(node);
        if (items == null) return null;
        Object array = Array.newInstance(component, items.size());
        for (int k = 0; k < items.size(); k++) {
            try {
                Array.set(array, k, bind(items.get(k), component));
            } catch (JsonException e) {
                throw e.under(c.getTypeName() + "[" + k + "]");
            }
        }
        return array;
    }

    private static byte[] base64(String s) throws JsonException {
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new JsonException("Cannot deserialize value of type `byte[]` from String: " + e.getMessage());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object collection(Object node, Class<?> c, Type type) throws JsonException {
        if (node instanceof String s && s.isEmpty()) return null;
        List<?> items = node instanceof List<?> l ? l : List.of(node);  // a single value reads as one element
        Collection out = newCollection(c);
        Type element = GenericTypes.argument(type, 0);
        for (int k = 0; k < items.size(); k++) {
            try {
                out.add(bind(items.get(k), element));
            } catch (JsonException e) {
                throw e.under(out.getClass().getName() + "[" + k + "]");
            }
        }
        return out;
    }

    private static Collection<?> newCollection(Class<?> c) throws JsonException {
        if (!c.isInterface() && !Modifier.isAbstract(c.getModifiers())) return (Collection<?>) instantiate(c);
        if (SortedSet.class.isAssignableFrom(c) || c == NavigableSet.class) return new TreeSet<>();
        if (Set.class.isAssignableFrom(c)) return new HashSet<>();
        if (Queue.class.isAssignableFrom(c)) return new ArrayDeque<>();
        return new ArrayList<>();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object map(Object node, Class<?> c, Type type) throws JsonException {
        if (node == null) return null;
        if (!(node instanceof Map<?, ?> source)) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + describe(node));
        }
        Type keyType = GenericTypes.argument(type, 0);
        Type valueType = GenericTypes.argument(type, 1);
        Map out;
        if (c == EnumMap.class) out = new EnumMap(GenericTypes.raw(keyType));
        else if (!c.isInterface() && !Modifier.isAbstract(c.getModifiers())) out = (Map) instantiate(c);
        else if (SortedMap.class.isAssignableFrom(c) || c == NavigableMap.class) out = new TreeMap<>();
        else if (ConcurrentMap.class.isAssignableFrom(c)) out = new ConcurrentHashMap<>();
        else out = new LinkedHashMap<>();
        Class<?> keyClass = GenericTypes.raw(keyType);
        for (Map.Entry<?, ?> e : source.entrySet()) {
            String k = (String) e.getKey();
            try {
                Object key = keyClass == Object.class || keyClass == String.class || keyClass == CharSequence.class ? k
                        : keyClass.isEnum() ? enumValue(k, keyClass) : bind(k, keyType);
                if (key == null) continue;
                out.put(key, bind(e.getValue(), valueType));
            } catch (JsonException ex) {
                throw ex.under(out.getClass().getName() + "[\"" + k + "\"]");
            }
        }
        return out;
    }

    /** Types Lambda's serializer reads from a string: UUID, URI, URL, Path, File, Locale. */
    private static Object fromText(Object node, Class<?> c) throws JsonException {
        if (c != UUID.class && c != URI.class && c != URL.class && c != Path.class && c != File.class && c != Locale.class) {
            return null;
        }
        if (!(node instanceof String s)) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + describe(node));
        }
        try {
            if (c == UUID.class) return UUID.fromString(s);
            if (c == URI.class) return URI.create(s);
            if (c == URL.class) return URI.create(s).toURL();
            if (c == Path.class) return s.startsWith("file:") ? Path.of(URI.create(s)) : Path.of(s);
            if (c == File.class) return new File(s);
            return Locale.forLanguageTag(s.replace('_', '-'));
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from String \"" + s + "\": "
                    + e.getMessage());
        }
    }

    private Object bean(Object node, Class<?> c, Type type) throws JsonException {
        if (node == null) return null;
        if (c.isInterface() || (Modifier.isAbstract(c.getModifiers()) && !c.isPrimitive())) {
            throw new JsonException("Cannot construct instance of `" + c.getName() + "` (no Creators, like default"
                    + " constructor, exist): abstract types either need to be mapped to concrete types, have custom"
                    + " deserializer, or contain additional type information");
        }
        if (!(node instanceof Map<?, ?> fields)) {
            throw new JsonException("Cannot construct instance of `" + c.getName() + "` (although at least one Creator"
                    + " exists): no " + (node instanceof String ? "String" : "delegate") + "-argument constructor/factory"
                    + " method to deserialize from " + describe(node));
        }
        BeanModel model = BeanModel.of(c);
        Map<TypeVariable<?>, Type> vars = GenericTypes.bindings(type);
        if (c.isRecord()) return record(fields, model, vars);
        if (model.constructor == null) {
            throw new JsonException("Cannot construct instance of `" + c.getName() + "` (no Creators, like default"
                    + " constructor, exist): cannot deserialize from Object value (no delegate- or property-based Creator)");
        }
        Object bean = construct(model.constructor, c);
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            String name = (String) e.getKey();
            BeanModel.Property p = model.writable.get(name);
            if (p == null) continue;                             // unknown properties are ignored
            try {
                Object v = bind(e.getValue(), GenericTypes.resolve(p.type(), vars));
                p.set(bean, v);
            } catch (JsonException ex) {
                throw ex.under(c.getName() + "[\"" + name + "\"]");
            } catch (InvocationTargetException ex) {
                Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                throw new JsonException("Problem deserializing property '" + name + "': " + cause, cause)
                        .under(c.getName() + "[\"" + name + "\"]");
            } catch (ReflectiveOperationException | IllegalArgumentException ex) {
                throw new JsonException("Problem deserializing property '" + name + "': " + ex, ex)
                        .under(c.getName() + "[\"" + name + "\"]");
            }
        }
        return bean;
    }

    private Object record(Map<?, ?> fields, BeanModel model, Map<TypeVariable<?>, Type> vars) throws JsonException {
        RecordComponent[] components = model.components;
        Object[] args = new Object[components.length];
        for (int k = 0; k < components.length; k++) {
            String name = components[k].getName();
            try {
                args[k] = bind(fields.get(name), GenericTypes.resolve(components[k].getGenericType(), vars));
            } catch (JsonException e) {
                throw e.under(model.type.getName() + "[\"" + name + "\"]");
            }
        }
        if (model.canonical == null) throw new JsonException("Cannot construct instance of `" + model.type.getName() + "`");
        return construct(model.canonical, model.type, args);
    }

    private static Object instantiate(Class<?> c) throws JsonException {
        try {
            Constructor<?> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            return construct(k, c);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new JsonException("Cannot construct instance of `" + c.getName() + "` (no Creators, like default"
                    + " constructor, exist)");
        }
    }

    private static Object construct(Constructor<?> k, Class<?> c, Object... args) throws JsonException {
        try {
            return k.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new JsonException("Cannot construct instance of `" + c.getName() + "`, problem: " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new JsonException("Cannot construct instance of `" + c.getName() + "`, problem: " + e, e);
        }
    }

    /** The tree as an untyped handler sees it (numbers made Integer/Long/BigInteger/Double in place). */
    @SuppressWarnings("unchecked")
    static Object natural(Object node) {
        if (node instanceof JsonNumber n) return n.natural();
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) e.setValue(natural(e.getValue()));
        } else if (node instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            for (int k = 0; k < list.size(); k++) list.set(k, natural(list.get(k)));
        }
        return node;
    }

    /** How Jackson names a JSON value in its messages. */
    static String describe(Object v) {
        if (v == null) return "Null value";
        if (v instanceof Map) return "Object value (token `JsonToken.START_OBJECT`)";
        if (v instanceof List) return "Array value (token `JsonToken.START_ARRAY`)";
        if (v instanceof String s) return "String \"" + (s.length() > 100 ? s.substring(0, 100) + "…" : s) + "\"";
        if (v instanceof Boolean b) return "Boolean value (token `JsonToken.VALUE_" + (b ? "TRUE" : "FALSE") + "`)";
        if (v instanceof JsonNumber n) return (n.integral() ? "Integer value (" : "Floating-point value (") + n.text() + ")";
        return v.getClass().getName();
    }
}
