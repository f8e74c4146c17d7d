package io.hearth.runtime.java;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Generic-type plumbing for the mapper and the handler loader: the raw class of a type, the actual
 * type arguments a class gives an interface it implements ({@code RequestHandler<I, O>}), and
 * substitution of type variables when a generic bean is read as a parameterized type
 * ({@code Page<Item>}).
 */
final class GenericTypes {
    private GenericTypes() {}

    static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        if (t instanceof GenericArrayType g) return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        if (t instanceof WildcardType w) return raw(w.getUpperBounds()[0]);
        if (t instanceof TypeVariable<?> v) return raw(v.getBounds()[0]);
        return Object.class;
    }

    /** Type argument {@code index} of {@code t}, or Object when {@code t} is not parameterized. */
    static Type argument(Type t, int index) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /**
     * The type arguments {@code type} gives {@code target} (searching its interfaces, then its
     * superclass, depth first), with variables bound along the way substituted; null when
     * {@code type} does not implement {@code target}. An argument left as a type variable means
     * the class did not fix it.
     */
    static Type[] argumentsOf(Type type, Class<?> target) {
        return argumentsOf(type, target, Map.of());
    }

    private static Type[] argumentsOf(Type type, Class<?> target, Map<TypeVariable<?>, Type> outer) {
        Class<?> raw = raw(type);
        Map<TypeVariable<?>, Type> bindings = bind(type, raw, outer);
        if (raw == target) {
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = new Type[vars.length];
            for (int k = 0; k < vars.length; k++) args[k] = bindings.getOrDefault(vars[k], vars[k]);
            return args;
        }
        for (Type gi : raw.getGenericInterfaces()) {
            Type[] found = argumentsOf(gi, target, bindings);
            if (found != null) return found;
        }
        Type sup = raw.getGenericSuperclass();
        return sup == null ? null : argumentsOf(sup, target, bindings);
    }

    private static Map<TypeVariable<?>, Type> bind(Type type, Class<?> raw, Map<TypeVariable<?>, Type> outer) {
        if (!(type instanceof ParameterizedType p)) return Map.of();
        TypeVariable<?>[] vars = raw.getTypeParameters();
        Type[] args = p.getActualTypeArguments();
        Map<TypeVariable<?>, Type> b = new HashMap<>();
        for (int k = 0; k < vars.length && k < args.length; k++) b.put(vars[k], resolve(args[k], outer));
        return b;
    }

    /** The variables of a (possibly parameterized) bean type and of its superclasses, bound. */
    static Map<TypeVariable<?>, Type> bindings(Type type) {
        Map<TypeVariable<?>, Type> all = new HashMap<>();
        Type t = type;
        while (t != null && raw(t) != Object.class) {
            Class<?> raw = raw(t);
            all.putAll(bind(t, raw, all));
            t = raw.getGenericSuperclass();
        }
        return all;
    }

    /** {@code t} with the variables in {@code b} substituted. */
    static Type resolve(Type t, Map<TypeVariable<?>, Type> b) {
        if (b.isEmpty() || t instanceof Class<?>) return t;
        if (t instanceof TypeVariable<?> v) return b.getOrDefault(v, v);
        if (t instanceof WildcardType w) return resolve(w.getUpperBounds()[0], b);
        if (t instanceof GenericArrayType g) {
            Type c = resolve(g.getGenericComponentType(), b);
            return c instanceof Class<?> cc ? java.lang.reflect.Array.newInstance(cc, 0).getClass() : new ArrayOf(c);
        }
        if (t instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments().clone();
            for (int k = 0; k < args.length; k++) args[k] = resolve(args[k], b);
            return new Parameterized((Class<?>) p.getRawType(), args, p.getOwnerType());
        }
        return t;
    }

    /** A parameterized type made by substitution. */
    record Parameterized(Class<?> rawType, Type[] arguments, Type ownerType) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return rawType;
        }

        @Override
        public Type getOwnerType() {
            return ownerType;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && rawType.equals(p.getRawType())
                    && Arrays.equals(arguments, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return rawType.hashCode() ^ Arrays.hashCode(arguments);
        }

        @Override
        public String toString() {
            var sb = new StringBuilder(rawType.getName()).append('<');
            for (int k = 0; k < arguments.length; k++) sb.append(k == 0 ? "" : ", ").append(arguments[k].getTypeName());
            return sb.append('>').toString();
        }
    }

    /** A generic array type made by substitution. */
    record ArrayOf(Type component) implements GenericArrayType {
        @Override
        public Type getGenericComponentType() {
            return component;
        }
    }
}
