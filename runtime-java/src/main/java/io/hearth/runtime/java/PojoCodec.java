package io.hearth.runtime.java;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URLClassLoader;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Turns event bytes into a handler's input object and its result into response bytes: the
 * runtime's own mapper, or — as Lambda allows — the single {@code CustomPojoSerializer} the
 * function registers in {@code META-INF/services}.
 */
sealed interface PojoCodec {

    Object read(byte[] json, Type type) throws Throwable;

    byte[] write(Object value, Type type) throws Throwable;

    /** The function's custom serializer if it registers one, else the built-in mapper. */
    static PojoCodec forFunction(LambdaTypes types) throws UserFault {
        if (types.customSerializer() == null) return new Builtin();
        // ServiceLoader (and a parent-first getResource) cost ~20 ms at start: look in the function's own code first
        String registration = "META-INF/services/" + types.customSerializer().getName();
        ClassLoader loader = types.loader();
        if ((loader instanceof URLClassLoader own ? own.findResource(registration) : loader.getResource(registration)) == null) {
            return new Builtin();
        }
        Iterator<?> providers;
        Object serializer;
        try {
            providers = ServiceLoader.load(types.customSerializer(), types.loader()).iterator();
            if (!providers.hasNext()) return new Builtin();
            serializer = providers.next();
        } catch (java.util.ServiceConfigurationError e) {
            throw UserFault.of(e);
        }
        if (providers.hasNext()) {
            throw new UserFault("Too many serializers provided inside the META-INF/services folder, only one is allowed",
                    UserFault.HANDLER_NOT_FOUND, null);
        }
        try {
            Class<?> api = types.customSerializer();
            return new Custom(serializer, api.getMethod("fromJson", InputStream.class, Type.class),
                    api.getMethod("toJson", Object.class, OutputStream.class, Type.class));
        } catch (NoSuchMethodException e) {
            throw UserFault.of(e);
        }
    }

    /** The runtime's mapper; event classes get Lambda's event naming and epoch-second dates. */
    record Builtin() implements PojoCodec {
        @Override
        public Object read(byte[] json, Type type) throws JsonException {
            return JsonBinder.read(json, type, EventNaming.isEvent(GenericTypes.raw(type)));
        }

        @Override
        public byte[] write(Object value, Type type) throws JsonException {
            boolean events = EventNaming.isEvent(GenericTypes.raw(type)) || (value != null && EventNaming.isEvent(value.getClass()));
            return JsonWriter.write(value, events);
        }
    }

    /** The function's {@code CustomPojoSerializer}, called reflectively. */
    record Custom(Object serializer, Method fromJson, Method toJson) implements PojoCodec {
        @Override
        public Object read(byte[] json, Type type) throws Throwable {
            try {
                return fromJson.invoke(serializer, new ByteArrayInputStream(json), type);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public byte[] write(Object value, Type type) throws Throwable {
            var out = new ByteArrayOutputStream();
            try {
                toJson.invoke(serializer, value, out, type);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return out.toByteArray();
        }
    }
}
