package io.hearth.runtime.java;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Loads a handler named {@code package.Class::method} or {@code package.Class} by Lambda's rules.
 *
 * <p>{@code package.Class}: the class must implement {@code RequestStreamHandler} (checked first)
 * or {@code RequestHandler<I, O>} with concrete type arguments. {@code Class::method}: among the
 * public methods of that name (inherited ones included), non-bridge methods come first, then
 * longer parameter lists, a trailing {@code Context} counting one extra; the first whose
 * parameters fit one of {@code ()}, {@code (Context)}, {@code (InputStream)},
 * {@code (OutputStream)}, {@code (T)}, {@code (T, Context)}, {@code (InputStream, OutputStream)},
 * {@code (InputStream, Context)}, {@code (OutputStream, Context)} or
 * {@code (InputStream, OutputStream, Context)} wins. Instance methods and interface handlers need
 * a public no-argument constructor. The class is initialized while loading, so a failing static
 * initializer is an init error, as is a constructor that throws.
 */
final class HandlerLoader {
    private HandlerLoader() {}

    static HandlerMethod load(String handler, LambdaTypes types) throws UserFault {
        if (handler == null || handler.isBlank()) {
            throw UserFault.handlerNotFound("Invalid handler: `" + (handler == null ? "" : handler) + "'");
        }
        int colons = handler.lastIndexOf("::");
        String className = (colons < 0 ? handler : handler.substring(0, colons)).trim();
        String methodName = colons < 0 ? null : handler.substring(colons + 2).trim();
        if (className.isEmpty() || (methodName != null && methodName.isEmpty())) {
            throw UserFault.handlerNotFound("Invalid handler: `" + handler + "'");
        }
        Class<?> type = loadClass(className, types.loader());
        PojoCodec codec = PojoCodec.forFunction(types);
        return methodName == null ? forInterface(type, types, codec) : forMethod(type, methodName, types, codec);
    }

    private static Class<?> loadClass(String name, ClassLoader loader) throws UserFault {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new UserFault("Class not found: " + name, e.getClass().getName(), e);
        } catch (Throwable t) {                     // NoClassDefFoundError, ExceptionInInitializerError, ...
            String m = t.getMessage();
            throw new UserFault("Error loading class " + name + (m == null ? "" : ": " + m), t.getClass().getName(), t);
        }
    }

    private static HandlerMethod forInterface(Class<?> type, LambdaTypes types, PojoCodec codec) throws UserFault {
        try {
            if (types.streamHandler() != null && types.streamHandler().isAssignableFrom(type)) {
                Method m = types.streamHandler().getMethod("handleRequest", InputStream.class, OutputStream.class, types.context());
                return new HandlerMethod(instantiate(type), m,
                        new HandlerMethod.Arg[] {HandlerMethod.Arg.INPUT, HandlerMethod.Arg.OUTPUT, HandlerMethod.Arg.CONTEXT},
                        null, null, codec);
            }
            if (types.requestHandler() != null && types.requestHandler().isAssignableFrom(type)) {
                Type[] io = GenericTypes.argumentsOf(type, types.requestHandler());
                if (io == null || io.length != 2 || unbound(io[0]) || unbound(io[1])) {
                    throw UserFault.handlerNotFound("Class " + type.getName()
                            + " does not implement RequestHandler with concrete type parameters");
                }
                Method m = types.requestHandler().getMethod("handleRequest", Object.class, types.context());
                return new HandlerMethod(instantiate(type), m,
                        new HandlerMethod.Arg[] {HandlerMethod.Arg.EVENT, HandlerMethod.Arg.CONTEXT},
                        io[0], isVoid(io[1]) ? null : io[1], codec);
            }
        } catch (NoSuchMethodException e) {
            throw UserFault.of(e);
        }
        throw UserFault.handlerNotFound("Class does not implement an appropriate handler interface: " + type.getName());
    }

    private static boolean unbound(Type t) {
        if (!(t instanceof TypeVariable<?> v)) return false;
        for (Type b : v.getBounds()) if (b != Object.class) return false;
        return true;
    }

    private static boolean isVoid(Type t) {
        return t == void.class || t == Void.class;
    }

    private static HandlerMethod forMethod(Class<?> type, String name, LambdaTypes types, PojoCodec codec) throws UserFault {
        Method[] all;
        try {
            all = type.getMethods();
        } catch (NoClassDefFoundError e) {
            throw new UserFault("Error loading method " + name + " on class " + type.getName(), e.getClass().getName(), e);
        }
        List<Method> named = new ArrayList<>();
        for (Method m : all) if (m.getName().equals(name)) named.add(m);
        Class<?> context = types.context();
        named.sort(new Comparator<Method>() {                // no lambdas on the start-up path
            @Override
            public int compare(Method a, Method b) {
                if (a.isBridge() != b.isBridge()) return a.isBridge() ? 1 : -1;
                return Integer.compare(weight(b, context), weight(a, context));
            }
        });
        for (Method m : named) {
            HandlerMethod.Arg[] args = shape(m, context);
            if (args == null) continue;
            Type event = null;
            for (int k = 0; k < args.length; k++) if (args[k] == HandlerMethod.Arg.EVENT) event = m.getGenericParameterTypes()[k];
            Type result = isVoid(m.getGenericReturnType()) ? null : m.getGenericReturnType();
            Object target = Modifier.isStatic(m.getModifiers()) ? null : instantiate(type);
            return new HandlerMethod(target, m, args, event, result, codec);
        }
        throw UserFault.handlerNotFound("No public method named " + name + " with appropriate method signature found on class "
                + type.getName());
    }

    /** Parameter count, a trailing Context counting one more (Lambda's ordering). */
    private static int weight(Method m, Class<?> context) {
        Class<?>[] p = m.getParameterTypes();
        return p.length + (p.length > 0 && p[p.length - 1] == context && context != null ? 1 : 0);
    }

    /** What each parameter receives, or null when the signature is not a handler's. */
    static HandlerMethod.Arg[] shape(Method m, Class<?> context) {
        Class<?>[] p = m.getParameterTypes();
        var in = HandlerMethod.Arg.INPUT;
        var out = HandlerMethod.Arg.OUTPUT;
        var ctx = HandlerMethod.Arg.CONTEXT;
        var event = HandlerMethod.Arg.EVENT;
        switch (p.length) {
            case 0:
                return new HandlerMethod.Arg[0];
            case 1:
                return new HandlerMethod.Arg[] {p[0] == InputStream.class ? in : p[0] == OutputStream.class ? out
                        : isContext(p[0], context) ? ctx : event};
            case 2:
                if (p[0] == OutputStream.class) return isContext(p[1], context) ? new HandlerMethod.Arg[] {out, ctx} : null;
                if (isContext(p[0], context)) return null;
                if (p[0] == InputStream.class) {
                    if (p[1] == OutputStream.class) return new HandlerMethod.Arg[] {in, out};
                    return isContext(p[1], context) ? new HandlerMethod.Arg[] {in, ctx} : null;
                }
                return isContext(p[1], context) ? new HandlerMethod.Arg[] {event, ctx} : null;
            case 3:
                return p[0] == InputStream.class && p[1] == OutputStream.class && isContext(p[2], context)
                        ? new HandlerMethod.Arg[] {in, out, ctx} : null;
            default:
                return null;
        }
    }

    private static boolean isContext(Class<?> p, Class<?> context) {
        return context != null && p == context;
    }

    /** Lambda's rule: a public no-argument constructor; what it throws is the fault. */
    private static Object instantiate(Class<?> type) throws UserFault {
        Constructor<?> k;
        try {
            k = type.getConstructor();
        } catch (NoSuchMethodException e) {
            if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
                throw UserFault.of(new Exception("Class " + type.getName()
                        + " cannot be instantiated because it is a non-static inner class"));
            }
            throw UserFault.of(new Exception("Class " + type.getName() + " has no public zero-argument constructor", e));
        }
        try {
            k.setAccessible(true);
            return k.newInstance();
        } catch (InvocationTargetException e) {
            throw UserFault.of(e.getCause() == null ? e : e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw UserFault.of(e);
        }
    }
}
