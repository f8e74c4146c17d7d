package io.hearth.runtime.java;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Hearth's Java runtime: runs AWS Lambda Java handlers, unchanged, against the Lambda Runtime API.
 *
 * <pre>
 *   java [flags] -cp hearth-runtime-java.jar io.hearth.runtime.java.Main [handler]
 *   java [flags] -cp hearth-runtime-java.jar io.hearth.runtime.java.Main --train   (class-data training run)
 * </pre>
 *
 * <p>Phases. <b>Init</b>: read {@code AWS_LAMBDA_RUNTIME_API} (and {@code HEARTH_RUNTIME_SOCKET}; with
 * {@code HEARTH_RUNTIME_RELAY} too, serve that port for handler code: {@link RuntimeApiRelay}),
 * load the handler ({@code _HANDLER}, or the argument) from {@code LAMBDA_TASK_ROOT}; a failure is
 * posted to {@code /runtime/init/error} and the process exits with status 1. <b>Late binding</b>
 * ({@code HEARTH_LATE_BINDING=1}): no function is known at start; the runtime warms its own code,
 * polls {@code /next}, and takes the first answer — a binding document — as the function's
 * environment: it loads the handler from it and answers that request with {@code {}} (or an init
 * error and exit 1). <b>Invoke</b>: {@link InvokeLoop}. A Runtime API failure at any point is
 * printed to stderr and the process exits with status 1.
 */
public final class Main {
    /** {@code -Dhearth.runtime.warmup=false} skips the warm-up before a late binding (saves pool CPU). */
    static final String WARMUP_PROPERTY = "hearth.runtime.warmup";

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--train")) {
            Warmup.train();
            return;
        }
        Environment env = Environment.ofProcess();
        RuntimeApiAddress address;
        try {
            address = RuntimeApiAddress.parse(env.get(Environment.RUNTIME_API), env.get(Environment.RUNTIME_SOCKET));
        } catch (IllegalArgumentException e) {
            System.err.println("hearth: " + e.getMessage());
            System.exit(1);
            return;
        }
        serveRelay(env, address);
        var client = new RuntimeClient(new HttpChannel(address), address);
        PrintStream log = System.out;
        try {
            LoadedFunction function = env.lateBinding()
                    ? bindLate(client, env, log)
                    : init(client, env, args.length > 0 ? args[0] : env.get(Environment.HANDLER), log);
            new InvokeLoop(client, function, log).run();
            System.exit(1);
        } catch (RuntimeApiException e) {
            System.err.println("hearth: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Isolated: serves AWS_LAMBDA_RUNTIME_API's port for handler code ({@link RuntimeApiRelay}); a failure is one line. */
    private static void serveRelay(Environment env, RuntimeApiAddress address) {
        String relay = env.get(Environment.RUNTIME_RELAY);
        if (relay == null || address.unixSocket() == null) return;
        try {
            RuntimeApiRelay.serve(relay, address.unixSocket());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("hearth: cannot serve the Runtime API port " + relay + " for handler code: " + e.getMessage());
        }
    }

    private static LoadedFunction init(RuntimeClient client, Environment env, String handler, PrintStream log) {
        try {
            return LoadedFunction.load(env, handler, Clock.systemUTC());
        } catch (UserFault f) {
            throw failInit(client, f.report(), f.logText(), log);
        } catch (Throwable t) {
            ErrorReport r = ErrorReport.of(t);
            throw failInit(client, r, ErrorReport.logText(r.errorMessage(), r.errorType(), t), log);
        }
    }

    private static LoadedFunction bindLate(RuntimeClient client, Environment processEnv, PrintStream log) {
        if (!"false".equals(System.getProperty(WARMUP_PROPERTY))) Warmup.exercise();
        Invocation first = client.next();
        if (!first.binding()) {
            throw failInit(client, new ErrorReport("late binding: the first event was not a binding document (header "
                    + Invocation.BINDING_HEADER + ")", "Runtime.BindingMissing", java.util.List.of(), null), null, log);
        }
        Binding binding;
        try {
            binding = Binding.parse(first.payload());
        } catch (JsonException e) {
            ErrorReport r = ErrorReport.of(e);
            throw failInit(client, new ErrorReport("late binding: " + r.errorMessage(), "Runtime.BindingInvalid",
                    java.util.List.of(), null), null, log);
        }
        Environment env = processEnv.with(binding.variables());
        if (!ProcessEnvironment.apply(binding.variables())) {
            System.err.println("hearth: System.getenv() in the function will not show its variables;"
                    + " start the JVM with " + ProcessEnvironment.FLAG);
        }
        LoadedFunction function = init(client, env, env.get(Environment.HANDLER), log);
        int status = client.respond(first.requestId(), new byte[] {'{', '}'}, 2);
        if (status != 202) throw new RuntimeApiException("the Runtime API refused the binding answer (" + status + ")");
        return function;
    }

    /** Logs and posts an init error, then exits 1; never returns (the result is for {@code throw}). */
    private static AssertionError failInit(RuntimeClient client, ErrorReport report, String logText, PrintStream log) {
        log.print(logText != null ? logText : report.errorMessage() + ": " + report.errorType() + "\n");
        log.flush();
        client.initError(report);
        System.exit(1);
        return new AssertionError("exited");
    }
}
