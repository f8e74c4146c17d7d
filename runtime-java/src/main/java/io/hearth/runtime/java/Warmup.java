package io.hearth.runtime.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Runs the runtime's own code paths before any function is known. {@link #exercise} (used under
 * late binding, before the first poll) maps a sample event to a record, a bean and a map and back,
 * loads and invokes sample handlers, builds an error report, links a lambda and generates Context
 * bridges over the shipped {@code aws-lambda-java-core}, so that class loading and linking happen
 * while the sandbox waits in the pool. {@link #train} (the {@code --train} command) additionally
 * answers one event from a loopback Runtime API: run it once with
 * {@code -XX:ArchiveClassesAtExit} (JDK 21) or {@code -XX:AOTCacheOutput} (JDK 25) — and the same
 * flags as the real launches — to produce the class-data archive that later starts use.
 */
final class Warmup {
    private static final String SAMPLE = """
            {"id":"req-1","count":3,"tags":["a","b"],"attributes":{"nested":{"x":1.5,"ok":true},"list":[1,2,3]},\
            "price":12.50,"active":true,"when":"2024-01-31T10:15:30Z","body":"caf\\u00e9 \\"quoted\\"\\n"}""";

    /** A sample record input. */
    record Sample(String id, int count, List<String> tags, Map<String, Object> attributes, BigDecimal price,
                  boolean active, String body) {}

    /** A sample bean input. */
    public static final class SampleBean {
        private String id;
        private long count;
        private List<String> tags;
        private boolean active;

        public String getId() { return id; }
        public void setId(String id) { this.id = id; }
        public long getCount() { return count; }
        public void setCount(long count) { this.count = count; }
        public List<String> getTags() { return tags; }
        public void setTags(List<String> tags) { this.tags = tags; }
        public boolean isActive() { return active; }
        public void setActive(boolean active) { this.active = active; }
    }

    private Warmup() {}

    /** The sample handler. */
    public static Sample handle(Sample in) {
        return in;
    }

    /** A sample stream handler. */
    public static void stream(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }

    /** Best effort: a failure here only means a colder first invocation. */
    static void exercise() {
        try {
            byte[] event = SAMPLE.getBytes(StandardCharsets.UTF_8);
            JsonWriter.write(JsonBinder.read(event, Sample.class, false), false);
            JsonWriter.write(JsonBinder.read(event, SampleBean.class, false), false);
            JsonWriter.write(JsonBinder.read(event, Map.class, false), false);
            JsonWriter.write(JsonBinder.read("[\"x\"]".getBytes(StandardCharsets.UTF_8), String.class, false), false);
            LambdaTypes own = LambdaTypes.load(Warmup.class.getClassLoader());
            for (String h : new String[] {Warmup.class.getName() + "::handle", Warmup.class.getName() + "::stream"}) {
                HandlerLoader.load(h, own).invoke(event, null, new ResponseBuffer());
            }
            try {
                HandlerLoader.load(Warmup.class.getName() + "::handle", own).invoke("{\"id\":{}}".getBytes(StandardCharsets.UTF_8),
                        null, new ResponseBuffer());
            } catch (RuntimeException expected) {
                ErrorReport.of(expected).toJson();
            }
            Binding.parse("{\"environment\":{\"A\":\"1\"},\"handler\":\"x.Y::z\"}".getBytes(StandardCharsets.UTF_8));
            Runnable lambda = () -> { };                    // the lambda machinery most function code needs at init
            lambda.run();
            contextOverShippedCore(new Invocation("warm-up", System.currentTimeMillis() + 1_000, "arn", "Root=1", null,
                    null, null, false, event));
        } catch (Throwable ignored) {
            // warming is an optimisation
        }
    }

    /** Generates Context and logger bridges over the core jar shipped beside the runtime. */
    private static void contextOverShippedCore(Invocation inv) throws Exception {
        Path core = FunctionCode.fallbackCore();
        if (core == null) return;
        try (var loader = new URLClassLoader(new URL[] {core.toUri().toURL()}, Warmup.class.getClassLoader())) {
            LambdaTypes types = LambdaTypes.load(loader);
            Object context = new ContextFactory(types, Environment.ofProcess(), Clock.systemUTC()).create(inv);
            if (context != null) {
                types.context().getMethod("getRemainingTimeInMillis").invoke(context);
                types.context().getMethod("getLogger").invoke(context);
            }
        }
    }

    /** The training run: {@link #exercise}, then one event from a loopback Runtime API, answered twice. */
    static void train() {
        exercise();
        try (var relay = RuntimeApiRelay.serve("127.0.0.1:0", Path.of("/nonexistent/runtime.sock"))) {
            relay.getLocalAddress();   // the isolated start listens for handler code: archive those classes too
        } catch (IOException e) {
            System.err.println("hearth: training run: " + e);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread api = new Thread(() -> serve(server), "training-api");
            api.setDaemon(true);
            api.start();
            var address = RuntimeApiAddress.parse("127.0.0.1:" + server.getLocalPort() + "/s/training", null);
            var client = new RuntimeClient(new HttpChannel(address), address);
            Invocation inv = client.next();
            var function = new LoadedFunction(
                    HandlerLoader.load(Warmup.class.getName() + "::handle", LambdaTypes.load(Warmup.class.getClassLoader())), null);
            new InvokeLoop(client, function, new java.io.PrintStream(OutputStream.nullOutputStream())).handle(inv);
            client.fail(inv.requestId(), ErrorReport.of(new IllegalStateException("training")));
            api.join(2000);
        } catch (Exception e) {
            System.err.println("hearth: training run incomplete: " + e);
        }
    }

    /** Serves /next once (the sample event), then 202 to everything, on one connection. */
    private static void serve(ServerSocket server) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] event = SAMPLE.getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k < 3; k++) {
                int length = readHead(in);
                if (length < 0) return;
                in.readNBytes(length);
                String head = k == 0
                        ? "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: training-1\r\nLambda-Runtime-Deadline-Ms: "
                          + (System.currentTimeMillis() + 60_000) + "\r\nLambda-Runtime-Invoked-Function-Arn: "
                          + "arn:aws:lambda:local:000000000000:function:training\r\nLambda-Runtime-Trace-Id: Root=1-0-0\r\n"
                          + "Content-Type: application/json\r\nContent-Length: " + event.length + "\r\n\r\n"
                        : "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(k == 0 ? event : new byte[] {'{', '}'});
                out.flush();
            }
        } catch (IOException ignored) {
            // the training client gave up
        }
    }

    /** Reads a request head; returns its Content-Length (0 when none), -1 at end of stream. */
    private static int readHead(InputStream in) throws IOException {
        var line = new StringBuilder();
        int length = 0;
        boolean first = true;
        while (true) {
            int b = in.read();
            if (b < 0) return -1;
            if (b != '\n') {
                if (b != '\r') line.append((char) b);
                continue;
            }
            if (line.isEmpty() && !first) return length;
            String l = line.toString();
            if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) length = Integer.parseInt(l.substring(15).trim());
            line.setLength(0);
            first = false;
        }
    }
}
