package io.hearth.runtime.java;

import java.io.IOError;
import java.io.PrintStream;

/**
 * The invoke phase: poll an event, run the handler, post its response or its error, forever.
 * A handler failure is the function's: it is logged (Lambda's "message: type" line and stack
 * trace, on stdout) and posted as an invocation error, and the loop goes on — except after a
 * {@link VirtualMachineError} or {@link IOError}, when the runtime exits as Lambda's does. A
 * Runtime API failure ends the loop with a {@link RuntimeApiException}.
 */
final class InvokeLoop {
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final RuntimeClient client;
    private final LoadedFunction function;
    private final PrintStream log;
    private final ResponseBuffer buffer = new ResponseBuffer();

    InvokeLoop(RuntimeClient client, LoadedFunction function, PrintStream log) {
        this.client = client;
        this.function = function;
        this.log = log;
    }

    void run() {
        while (true) {
            Invocation inv = client.next();
            if (inv.binding()) {
                client.fail(inv.requestId(), new ErrorReport("this runtime is already bound to a function",
                        "Runtime.AlreadyBound", java.util.List.of(), null));
                continue;
            }
            if (!handle(inv)) return;
        }
    }

    /** Runs one invocation; false when the runtime must exit after it. */
    boolean handle(Invocation inv) {
        if (inv.traceId() != null) System.setProperty(TRACE_PROPERTY, inv.traceId());
        else System.clearProperty(TRACE_PROPERTY);
        buffer.clear();
        HandlerMethod.Output out;
        try {
            Object context = function.handler().needsContext() ? function.contexts().create(inv) : null;
            out = function.handler().invoke(inv.payload(), context, buffer);
        } catch (Throwable t) {
            ErrorReport report = ErrorReport.of(t);
            log.print(ErrorReport.logText(report.errorMessage(), report.errorType(), t));
            flush();
            int status = client.fail(inv.requestId(), report);
            if (status != 202) log.println("hearth: the Runtime API refused the error of " + inv.requestId() + " (" + status + ")");
            Thread.interrupted();
            return !(t instanceof VirtualMachineError || t instanceof IOError);
        }
        flush();
        int status = client.respond(inv.requestId(), out.bytes(), out.length());
        if (status != 202) {
            System.err.println("hearth: the Runtime API refused the response of " + inv.requestId() + " (" + status + ")");
        }
        Thread.interrupted();
        return true;
    }

    private void flush() {
        System.out.flush();
        System.err.flush();
    }
}
