package io.hearth.runtime.java;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a class maps to a JSON object, by the rules of Lambda's serializer (Jackson with standard
 * bean naming and no annotations of the user's visible): public getters ({@code getX}, {@code isX}
 * for {@code boolean}) and public fields are written; setters of any visibility and public
 * non-final fields are read; names are case-sensitive bean names ({@code getURL} is {@code URL},
 * {@code getUrl} is {@code url}), renamed for event classes by {@link EventNaming}. Of overloaded
 * setters the {@code String} one wins, else the one taking the getter's type. Properties are
 * written in field declaration order (superclass first), then getter-only ones by name. Records
 * map their components through the canonical constructor. Models are computed once per class.
 */
final class BeanModel {
    private static final ClassValue<BeanModel> MODELS = new ClassValue<>() {
        @Override
        protected BeanModel computeValue(Class<?> type) {
            return new BeanModel(type);
        }
    };

    /** One property: how to read it (getter or field) and write it (setter or field). */
    record Property(String name, Type type, Method getter, Field field, Method setter) {
        Object get(Object bean) throws ReflectiveOperationException {
            return getter != null ? getter.invoke(bean) : field.get(bean);
        }

        boolean readable() {
            return getter != null || field != null;
        }

        boolean writable() {
            return setter != null || (field != null && !Modifier.isFinal(field.getModifiers()));
        }

        void set(Object bean, Object value) throws ReflectiveOperationException {
            if (setter != null) setter.invoke(bean, value);
            else field.set(bean, value);
        }
    }

    final Class<?> type;
    final List<Property> readable;
    final Map<String, Property> writable;
    final Constructor<?> constructor;          // no-argument, or null
    final RecordComponent[] components;        // records only
    final Constructor<?> canonical;            // records only

    static BeanModel of(Class<?> type) {
        return MODELS.get(type);
    }

    private BeanModel(Class<?> type) {
        this.type = type;
        if (type.isRecord()) {
            components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            List<Property> props = new ArrayList<>();
            for (int k = 0; k < components.length; k++) {
                types[k] = components[k].getType();
                Method accessor = accessible(components[k].getAccessor());
                props.add(new Property(components[k].getName(), components[k].getGenericType(), accessor, null, null));
            }
            canonical = accessible(find(type, types));
            constructor = null;
            readable = List.copyOf(props);
            writable = Map.of();
            return;
        }
        components = null;
        canonical = null;
        constructor = Modifier.isAbstract(type.getModifiers()) ? null : accessible(find(type));
        var builders = collect(type);
        List<Property> read = new ArrayList<>();
        Map<String, Property> write = new HashMap<>();
        for (Builder b : builders) {
            Property p = b.build();
            if (p.readable()) read.add(p);
            if (p.writable()) write.put(p.name, p);
        }
        readable = List.copyOf(read);
        writable = Map.copyOf(write);
    }

    /** Properties in writing order, keyed by JSON name. */
    private static List<Builder> collect(Class<?> type) {
        Map<String, Integer> fieldOrder = new HashMap<>();
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) chain.add(0, c);
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) fieldOrder.putIfAbsent(f.getName(), fieldOrder.size());
            }
        }
        boolean pascal = EventNaming.pascal(type);
        Map<String, Builder> byName = new LinkedHashMap<>();
        for (Field f : type.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) || Modifier.isTransient(m)) continue;
            if (accessible(f) == null) continue;
            builder(byName, type, f.getName(), pascal).field = f;
        }
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic() || m.getParameterCount() != 0
                    || m.getDeclaringClass() == Object.class) continue;
            String bean = getterName(type, m);
            if (bean == null || accessible(m) == null) continue;
            Builder b = builder(byName, type, bean, pascal);
            if (b.getter == null || m.getName().startsWith("get")) b.getter = m;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                String n = m.getName();
                if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic() || m.getParameterCount() != 1
                        || n.length() <= 3 || !n.startsWith("set")) continue;
                if (accessible(m) == null) continue;
                builder(byName, type, beanName(n.substring(3)), pascal).setters.add(m);
            }
        }
        List<Builder> all = new ArrayList<>(byName.values());
        all.sort(new Comparator<Builder>() {                 // no lambdas on the start-up path
            @Override
            public int compare(Builder a, Builder b) {
                int byField = Integer.compare(fieldOrder.getOrDefault(a.beanName, Integer.MAX_VALUE),
                        fieldOrder.getOrDefault(b.beanName, Integer.MAX_VALUE));
                if (byField != 0 || fieldOrder.containsKey(a.beanName)) return byField;
                return a.name.compareTo(b.name);
            }
        });
        return all;
    }

    private static String getterName(Class<?> type, Method m) {
        String n = m.getName();
        Class<?> r = m.getReturnType();
        if (n.startsWith("get") && n.length() > 3 && r != void.class) return beanName(n.substring(3));
        if (n.startsWith("is") && n.length() > 2) {
            String bean = beanName(n.substring(2));
            if (r == boolean.class) return bean;
            if (r == Boolean.class && EventNaming.explicit(type, bean) != null) return bean;
        }
        return null;
    }

    /** Standard bean naming: {@code URL} stays, {@code Url} becomes {@code url}. */
    static String beanName(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isUpperCase(s.charAt(1))) return s;
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static Builder builder(Map<String, Builder> byName, Class<?> type, String bean, boolean pascal) {
        String json = EventNaming.explicit(type, bean);
        if (json == null) json = pascal ? Character.toUpperCase(bean.charAt(0)) + bean.substring(1) : bean;
        Builder b = byName.get(json);
        if (b == null) {
            b = new Builder(json, bean);
            byName.put(json, b);
        }
        return b;
    }

    private static final class Builder {
        final String name;
        final String beanName;
        Field field;
        Method getter;
        final List<Method> setters = new ArrayList<>();

        Builder(String name, String beanName) {
            this.name = name;
            this.beanName = beanName;
        }

        Property build() {
            Method setter = null;
            int best = -1;
            Class<?> want = getter != null ? getter.getReturnType() : field != null ? field.getType() : null;
            for (Method s : setters) {      // overloads: String (as Jackson), else the getter's type, else the first
                Class<?> p = s.getParameterTypes()[0];
                int score = p == String.class ? 2 : p == want ? 1 : 0;
                if (score > best) {
                    best = score;
                    setter = s;
                }
            }
            Type type = setter != null ? setter.getGenericParameterTypes()[0]
                    : field != null ? field.getGenericType() : getter.getGenericReturnType();
            return new Property(name, type, getter, field, setter);
        }
    }

    private static Constructor<?> find(Class<?> type, Class<?>... params) {
        try {
            return type.getDeclaredConstructor(params);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static <T extends AccessibleObject> T accessible(T member) {
        if (member == null) return null;
        try {
            member.setAccessible(true);
            return member;
        } catch (RuntimeException e) {             // a JDK-internal member we may not touch
            return null;
        }
    }
}
