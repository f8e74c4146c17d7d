package io.hearth.runtime.java;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The error body Lambda's Java runtime posts: {@code {"errorMessage", "errorType", "stackTrace",
 * "cause"}}. The message is the throwable's message, or its class name when it has none; the type
 * is its class name; the stack trace lists {@link StackTraceElement#toString()} of each frame
 * <em>above</em> the runtime (frames from the first {@code io.hearth.runtime.java} one down are
 * cut, as Lambda cuts its own); {@code cause} nests the same for the cause chain, as Lambda's
 * managed Java runtimes report it.
 */
record ErrorReport(String errorMessage, String errorType, List<String> stackTrace, ErrorReport cause) {
    static final String RUNTIME_PACKAGE = "io.hearth.runtime.java.";
    private static final int MAX_CAUSES = 16;

    ErrorReport {
        stackTrace = List.copyOf(stackTrace);
    }

    /** A report of {@code t}; its trace (and its causes') is cut at the runtime, in place. */
    static ErrorReport of(Throwable t) {
        filter(t);
        return of(t, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static ErrorReport of(Throwable t, int depth, Set<Throwable> seen) {
        seen.add(t);
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) frames.add(e.toString());
        Throwable c = t.getCause();
        ErrorReport cause = c == null || depth >= MAX_CAUSES || seen.contains(c) ? null : of(c, depth + 1, seen);
        return new ErrorReport(message(t), t.getClass().getName(), frames, cause);
    }

    static String message(Throwable t) {
        String m = t.getLocalizedMessage();
        return m == null ? t.getClass().getName() : m;
    }

    /** Cuts the runtime's frames off {@code t}, its causes and suppressed throwables. */
    static <T extends Throwable> T filter(T t) {
        filter(t, Collections.newSetFromMap(new IdentityHashMap<>()));
        return t;
    }

    private static void filter(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) return;
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < trace.length; i++) {
            if (trace[i].getClassName().startsWith(RUNTIME_PACKAGE)) {
                t.setStackTrace(java.util.Arrays.copyOf(trace, i));
                break;
            }
        }
        filter(t.getCause(), seen);
        for (Throwable s : t.getSuppressed()) filter(s, seen);
    }

    /** What Lambda's runtime logs for a failure: "message: type", then the printed stack trace. */
    static String logText(String message, String type, Throwable t) {
        var sw = new StringWriter();
        sw.append(message);
        if (type != null) sw.append(": ").append(type);
        sw.append('\n');
        if (t != null) t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    byte[] toJson() {
        var sb = new StringBuilder(256);
        append(sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void append(StringBuilder sb) {
        sb.append("{\"errorMessage\":");
        JsonWriter.quote(sb, errorMessage);
        if (errorType != null) {
            sb.append(",\"errorType\":");
            JsonWriter.quote(sb, errorType);
        }
        sb.append(",\"stackTrace\":[");
        for (int i = 0; i < stackTrace.size(); i++) {
            if (i > 0) sb.append(',');
            JsonWriter.quote(sb, stackTrace.get(i));
        }
        sb.append(']');
        if (cause != null) {
            sb.append(",\"cause\":");
            cause.append(sb);
        }
        sb.append('}');
    }
}
