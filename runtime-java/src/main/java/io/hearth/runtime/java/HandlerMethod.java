package io.hearth.runtime.java;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * A loaded handler: the method to call, on which instance (null when static), and what each of
 * its parameters receives. A method taking an {@code InputStream} or {@code OutputStream} is a
 * stream handler: its response is what it writes, its return value is ignored. Otherwise the
 * event is mapped to the parameter's type and the result is written as JSON ({@code null} for
 * {@code void}). As in Lambda, a mapping failure becomes {@code RuntimeException("An error occurred
 * during JSON parsing")} (or "... serialization of response") with the mapper's error as cause,
 * and what the handler throws is reported as itself.
 */
final class HandlerMethod {
    /** What a handler parameter receives. */
    enum Arg { EVENT, INPUT, OUTPUT, CONTEXT }

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    /** A response: {@code length} bytes of {@code bytes}. */
    record Output(byte[] bytes, int length) {}

    private final Object target;
    private final Method method;
    private final Arg[] args;
    private final Type eventType;
    private final Type resultType;
    private final PojoCodec codec;
    private final boolean streaming;
    private final boolean needsContext;

    /** {@code resultType} null means the handler returns nothing ({@code void} or {@code Void}). */
    HandlerMethod(Object target, Method method, Arg[] args, Type eventType, Type resultType, PojoCodec codec) {
        this.target = target;
        this.method = method;
        this.args = args.clone();
        this.eventType = eventType;
        this.resultType = resultType;
        this.codec = codec;
        boolean s = false;
        boolean c = false;
        for (Arg a : args) {
            s |= a == Arg.INPUT || a == Arg.OUTPUT;
            c |= a == Arg.CONTEXT;
        }
        this.streaming = s;
        this.needsContext = c;
        try {
            method.setAccessible(true);         // a public method of a non-public class
        } catch (RuntimeException ignored) {
            // invoke reports the access problem if there is one
        }
    }

    boolean needsContext() {
        return needsContext;
    }

    /** Runs the handler on one event; throws what the handler throws. */
    Output invoke(byte[] payload, Object context, ResponseBuffer out) throws Throwable {
        Object[] values = new Object[args.length];
        for (int k = 0; k < args.length; k++) {
            values[k] = switch (args[k]) {
                case INPUT -> new ByteArrayInputStream(payload);
                case OUTPUT -> out;
                case CONTEXT -> context;
                case EVENT -> event(payload);
            };
        }
        Object result;
        try {
            result = method.invoke(target, values);
        } catch (InvocationTargetException e) {
            throw e.getCause() == null ? e : e.getCause();
        }
        if (streaming) return new Output(out.array(), out.size());
        if (resultType == null) return new Output(NULL, NULL.length);
        try {
            byte[] json = codec.write(result, resultType);
            return new Output(json, json.length);
        } catch (Throwable t) {
            throw new RuntimeException("An error occurred during JSON serialization of response", t);
        }
    }

    private Object event(byte[] payload) {
        try {
            return codec.read(payload, eventType);
        } catch (JsonException e) {
            throw new RuntimeException("An error occurred during JSON parsing", new java.io.UncheckedIOException(e));
        } catch (Throwable t) {
            throw new RuntimeException("An error occurred during JSON parsing", t);
        }
    }
}
