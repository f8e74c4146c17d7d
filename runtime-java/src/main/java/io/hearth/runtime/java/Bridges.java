package io.hearth.runtime.java;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Implements the function's own {@code aws-lambda-java-core} interfaces ({@code Context},
 * {@code LambdaLogger}, ...) without compiling against them: for each interface it defines, in a
 * class loader below the function's, a small class {@code extends BridgeBase implements <iface>}
 * whose every abstract method (and each default method named in {@code overrides}) calls
 * {@link BridgeBase#hearth$answer} with the method's name and argument, casting or unboxing the
 * result. Emitting these few hundred bytes takes well under a millisecond, where a first
 * {@link Proxy} costs 40 ms or more of class generation at start-up; a {@link Proxy} over the
 * same {@link Answers} remains the fallback if a class cannot be defined. One instance per
 * interface is made by reflection; the rest through {@link BridgeBase#hearth$make}.
 *
 * <p>A method with more than one parameter, or a primitive one, cannot be routed and throws
 * {@link UnsupportedOperationException}; core 1.4.0 has none.
 */
final class Bridges {
    private static final String BASE = BridgeBase.class.getName().replace('.', '/');
    private static final String PACKAGE = "io/hearth/runtime/java/bridge/";

    private final ClassLoader functionLoader;
    private final Loader loader;
    private final Map<Class<?>, BridgeBase> prototypes = new HashMap<>();

    Bridges(ClassLoader functionLoader) {
        this.functionLoader = functionLoader;
        this.loader = new Loader(functionLoader);
    }

    /** An object implementing {@code iface} that answers with {@code answers}. */
    Object implement(Class<?> iface, Set<String> overrides, Answers answers) {
        BridgeBase prototype;
        synchronized (prototypes) {
            prototype = prototypes.get(iface);
            if (prototype == null && !prototypes.containsKey(iface)) {
                prototype = generate(iface, overrides, answers);
                prototypes.put(iface, prototype);
                if (prototype != null) return prototype;
            }
        }
        if (prototype != null) return prototype.hearth$make(answers);
        return Proxy.newProxyInstance(functionLoader, new Class<?>[] {iface}, new Handler(answers, overrides));
    }

    private BridgeBase generate(Class<?> iface, Set<String> overrides, Answers answers) {
        try {
            String name = PACKAGE + iface.getSimpleName() + "Bridge";
            Class<?> c = loader.define(name.replace('/', '.'), emit(name, iface, overrides));
            return (BridgeBase) c.getConstructor(Object.class).newInstance(answers);
        } catch (ReflectiveOperationException | LinkageError | IOException | RuntimeException e) {
            return null;                               // the Proxy fallback serves this interface
        }
    }

    /** The class file of {@code name extends BridgeBase implements iface}. */
    static byte[] emit(String name, Class<?> iface, Set<String> overrides) throws IOException {
        var pool = new Pool();
        int thisClass = pool.type(name);
        int base = pool.type(BASE);
        int ifaceClass = pool.type(iface.getName().replace('.', '/'));
        int code = pool.utf8("Code");
        int answer = pool.method(BASE, "hearth$answer", "(Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/Object;");
        int unsupported = pool.method(BASE, "hearth$unsupported", "(Ljava/lang/String;)Ljava/lang/RuntimeException;");
        List<byte[]> methods = new ArrayList<>();
        int superInit = pool.method(BASE, "<init>", "(Ljava/lang/Object;)V");
        methods.add(method(pool, 0x0001, "<init>", "(Ljava/lang/Object;)V", code, 2, 2,
                new byte[] {0x2a, 0x2b, (byte) 0xb7, hi(superInit), lo(superInit), (byte) 0xb1}));
        int thisInit = pool.method(name, "<init>", "(Ljava/lang/Object;)V");
        methods.add(method(pool, 0x0011, "hearth$make", "(Ljava/lang/Object;)Ljava/lang/Object;", code, 3, 2,
                new byte[] {(byte) 0xbb, hi(thisClass), lo(thisClass), 0x59, 0x2b, (byte) 0xb7, hi(thisInit), lo(thisInit),
                        (byte) 0xb0}));
        for (Method m : iface.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || (m.isDefault() && !overrides.contains(m.getName()))) continue;
            methods.add(route(pool, m, code, answer, unsupported));
        }
        var out = new ByteArrayOutputStream(1024);
        var d = new DataOutputStream(out);
        d.writeInt(0xCAFEBABE);
        d.writeShort(0);
        d.writeShort(52);                                   // Java 8 class files: straight-line code needs no stack maps
        pool.write(d);
        d.writeShort(0x0001 | 0x0010 | 0x0020);             // public final super
        d.writeShort(thisClass);
        d.writeShort(base);
        d.writeShort(1);
        d.writeShort(ifaceClass);
        d.writeShort(0);                                    // fields
        d.writeShort(methods.size());
        for (byte[] m : methods) d.write(m);
        d.writeShort(0);                                    // attributes
        return out.toByteArray();
    }

    /** {@code return (R) hearth$answer("name", arg)}, or a throw when the signature cannot be routed. */
    private static byte[] route(Pool pool, Method m, int code, int answer, int unsupported) throws IOException {
        Class<?>[] params = m.getParameterTypes();
        int locals = 1;
        for (Class<?> p : params) locals += p == long.class || p == double.class ? 2 : 1;
        int name = pool.string(m.getName());
        var c = new ByteArrayOutputStream();
        c.write(0x2a);                                      // aload_0
        c.write(0x13);                                      // ldc_w name
        c.write(hi(name));
        c.write(lo(name));
        if (params.length > 1 || (params.length == 1 && params[0].isPrimitive())) {
            c.write(0xb6);                                  // invokevirtual hearth$unsupported; athrow
            c.write(hi(unsupported));
            c.write(lo(unsupported));
            c.write(0xbf);
        } else {
            c.write(params.length == 0 ? 0x01 : 0x2b);      // aconst_null | aload_1
            c.write(0xb6);                                  // invokevirtual hearth$answer
            c.write(hi(answer));
            c.write(lo(answer));
            returnAs(pool, m.getReturnType(), c);
        }
        return method(pool, 0x0001, m.getName(), descriptor(m), code, 3, locals, c.toByteArray());
    }

    private static void returnAs(Pool pool, Class<?> r, ByteArrayOutputStream c) {
        if (r == void.class) {
            c.write(0x57);                                  // pop
            c.write(0xb1);                                  // return
            return;
        }
        if (!r.isPrimitive()) {
            if (r != Object.class) cast(pool, r.getName().replace('.', '/'), c);
            c.write(0xb0);                                  // areturn
            return;
        }
        String box = r == int.class ? "java/lang/Integer" : r == boolean.class ? "java/lang/Boolean" : r == long.class
                ? "java/lang/Long" : r == double.class ? "java/lang/Double" : r == float.class ? "java/lang/Float"
                : r == short.class ? "java/lang/Short" : r == byte.class ? "java/lang/Byte" : "java/lang/Character";
        cast(pool, box, c);
        int unbox = pool.method(box, r.getName() + "Value", "()" + descriptor(r));
        c.write(0xb6);
        c.write(hi(unbox));
        c.write(lo(unbox));
        c.write(r == long.class ? 0xad : r == double.class ? 0xaf : r == float.class ? 0xae : 0xac);
    }

    private static void cast(Pool pool, String internalName, ByteArrayOutputStream c) {
        int t = pool.type(internalName);
        c.write(0xc0);                                      // checkcast
        c.write(hi(t));
        c.write(lo(t));
    }

    private static byte[] method(Pool pool, int access, String name, String descriptor, int code, int maxStack,
                                 int maxLocals, byte[] bytecode) throws IOException {
        var out = new ByteArrayOutputStream();
        var d = new DataOutputStream(out);
        d.writeShort(access);
        d.writeShort(pool.utf8(name));
        d.writeShort(pool.utf8(descriptor));
        d.writeShort(1);
        d.writeShort(code);
        d.writeInt(12 + bytecode.length);
        d.writeShort(maxStack);
        d.writeShort(maxLocals);
        d.writeInt(bytecode.length);
        d.write(bytecode);
        d.writeShort(0);                                    // exception table
        d.writeShort(0);                                    // attributes
        return out.toByteArray();
    }

    static String descriptor(Method m) {
        var sb = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) sb.append(descriptor(p));
        return sb.append(')').append(descriptor(m.getReturnType())).toString();
    }

    static String descriptor(Class<?> c) {
        if (c.isArray()) return c.getName().replace('.', '/');
        if (c == void.class) return "V";
        if (c == int.class) return "I";
        if (c == boolean.class) return "Z";
        if (c == long.class) return "J";
        if (c == double.class) return "D";
        if (c == float.class) return "F";
        if (c == short.class) return "S";
        if (c == byte.class) return "B";
        if (c == char.class) return "C";
        return "L" + c.getName().replace('.', '/') + ";";
    }

    private static byte hi(int index) {
        return (byte) (index >> 8);
    }

    private static byte lo(int index) {
        return (byte) index;
    }

    /** A class file's constant pool, entries shared by value. */
    private static final class Pool {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);
        private final Map<String, Integer> entries = new HashMap<>();
        private int next = 1;

        int utf8(String s) {
            return entry("U" + s, 1, s, 0, 0);
        }

        int type(String internalName) {
            return entry("C" + internalName, 7, null, utf8(internalName), 0);
        }

        int string(String s) {
            return entry("S" + s, 8, null, utf8(s), 0);
        }

        int method(String owner, String name, String descriptor) {
            int nat = entry("N" + name + descriptor, 12, null, utf8(name), utf8(descriptor));
            return entry("M" + owner + "." + name + descriptor, 10, null, type(owner), nat);
        }

        private int entry(String key, int tag, String text, int a, int b) {
            Integer known = entries.get(key);
            if (known != null) return known;
            try {
                out.writeByte(tag);
                if (tag == 1) out.writeUTF(text);                       // modified UTF-8, as class files use
                else out.writeShort(a);
                if (tag == 12 || tag == 10) out.writeShort(b);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            entries.put(key, next);
            return next++;
        }

        void write(DataOutputStream d) throws IOException {
            d.writeShort(next);
            d.write(bytes.toByteArray());
        }
    }

    /** Defines the generated classes below the function's class loader, which resolves their types. */
    private static final class Loader extends ClassLoader {
        Loader(ClassLoader parent) {
            super(parent);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** The fallback: a Proxy routing to the same answers. */
    private record Handler(Answers answers, Set<String> overrides) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String n = method.getName();
            if (method.getDeclaringClass() == Object.class) {
                return switch (n) {
                    case "toString" -> answers.toString();
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> args != null && args.length == 1 && args[0] == proxy;
                };
            }
            if (method.isDefault() && !overrides.contains(n)) return InvocationHandler.invokeDefault(proxy, method, args);
            if (args != null && (args.length > 1 || method.getParameterTypes()[0].isPrimitive())) {
                throw new UnsupportedOperationException(n + " is not supported by Hearth's Java runtime");
            }
            return answers.answer(n, args == null ? null : args[0]);
        }
    }
}
