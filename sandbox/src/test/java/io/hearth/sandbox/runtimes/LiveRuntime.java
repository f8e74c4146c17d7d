package io.hearth.sandbox.runtimes;

import io.hearth.model.CodeRef;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Invocation;
import io.hearth.model.Runtime;
import io.hearth.runtimeapi.KvGateway;
import io.hearth.runtimeapi.RuntimeApiServer;
import io.hearth.runtimeapi.RuntimeReply;
import io.hearth.runtimeapi.RuntimeSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One runtime process against the real {@link RuntimeApiServer}, its key-value routes served by a
 * {@link RecordingKv} (or no store at all): the whole path a function's {@code hearth.kv} call takes
 * in production, minus the engine. A test writes handler files, {@link #start}s, then
 * {@link #invoke}s and reads the reply and the calls the gateway saw.
 */
final class LiveRuntime implements AutoCloseable {
    static final String FUNCTION = "fn";

    final RecordingKv kv = new RecordingKv();
    final Path code;
    private final RuntimeLaunchers launchers;
    private final Runtime runtime;
    private final RuntimeApiServer server;
    private final RuntimeSession session;
    private RuntimeProcess process;

    LiveRuntime(RuntimeLaunchers launchers, Runtime runtime, Path root, boolean withStore) throws IOException {
        this.launchers = launchers;
        this.runtime = runtime;
        this.code = Files.createDirectories(root.resolve("task"));
        this.server = withStore ? RuntimeApiServer.start("127.0.0.1", 0, (KvGateway) kv)
                : RuntimeApiServer.start("127.0.0.1", 0);
        this.session = server.open(FUNCTION);
    }

    LiveRuntime file(String relative, String content) throws IOException {
        Path file = code.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    LiveRuntime start(String handler) throws IOException {
        process = RuntimeProcess.start(launchers, runtime, code, handler, session.apiAddress(), Map.of());
        return this;
    }

    /** Delivers {@code payload} as invocation {@code requestId}; the runtime's reply. */
    RuntimeReply invoke(String requestId, String payload) throws Exception {
        var config = new FunctionConfig(runtime, "app.handler", 10, 128, Map.of(), "");
        var version = new FunctionVersion(FUNCTION, "$LATEST", config, new CodeRef("0".repeat(64), 1), "rev",
                Instant.EPOCH);
        var inv = new Invocation(requestId, version, "arn:aws:lambda:us-east-1:000000000000:function:fn",
                payload.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() + 30_000, "Root=1-abc", null, null);
        try {
            return session.deliver(inv).get(BootstrapHarness.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no reply to " + requestId + "; output:\n" + process.output(), e);
        }
    }

    /** The body of a successful reply, as text; fails with the runtime's output otherwise. */
    String result(RuntimeReply reply) {
        if (reply instanceof RuntimeReply.Response r) return new String(r.body(), StandardCharsets.UTF_8);
        throw new AssertionError("expected a response, got " + describe(reply) + "; output:\n" + process.output());
    }

    /** The error of a failed reply. */
    RuntimeReply.Error error(RuntimeReply reply) {
        if (reply instanceof RuntimeReply.Error e) return e;
        throw new AssertionError("expected an error, got " + describe(reply) + "; output:\n" + process.output());
    }

    private static String describe(RuntimeReply reply) {
        return switch (reply) {
            case RuntimeReply.Response r -> "response " + new String(r.body(), StandardCharsets.UTF_8);
            case RuntimeReply.Error e -> "error " + e.errorType() + " " + new String(e.body(), StandardCharsets.UTF_8);
            case RuntimeReply.InitError e -> "init error " + e.errorType() + " " + new String(e.body(), StandardCharsets.UTF_8);
            case RuntimeReply.TooLarge t -> "too large";
        };
    }

    RuntimeProcess process() { return process; }

    @Override
    public void close() {
        try {
            if (process != null) process.close();
        } finally {
            session.close("test over");
            server.close();
        }
    }
}
