package io.hearth.runtime.java;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.fail;

/**
 * A fake Lambda Runtime API for tests: a real HTTP server on 127.0.0.1 serving only under the path
 * prefix {@code /s/TOKEN}, as Hearth's does. Tests {@link #offer} events, which {@code /next} long
 * polls hand out in order, and {@link #awaitPost} what the runtime posts back (responses,
 * invocation errors, init errors), all answered 202.
 */
final class FakeRuntimeApi implements AutoCloseable {
    static final String TOKEN = "t0k3n";
    private static final String BASE = "/s/" + TOKEN + "/2018-06-01/runtime/";
    private static final Event CLOSED = new Event("closed", Map.of(), new byte[0]);

    /** An event waiting for a poll. */
    record Event(String requestId, Map<String, String> headers, byte[] body) {}

    /** What the runtime posted: {@code kind} is "response", "error" or "init-error". */
    record Post(String kind, String requestId, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body parsed (numbers as Integer/Long/Double, objects as maps). */
        Object json() throws JsonException {
            return JsonBinder.natural(JsonReader.parse(body));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() throws JsonException {
            return (Map<String, Object>) json();
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> pollArrivals = new LinkedBlockingQueue<>();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile int responseStatus = 202;

    private FakeRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-runtime-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    static FakeRuntimeApi start() throws IOException {
        return new FakeRuntimeApi();
    }

    /** {@code AWS_LAMBDA_RUNTIME_API}: host:port plus the session prefix. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort() + "/s/" + TOKEN;
    }

    /** The environment Hearth gives a function's runtime. */
    Map<String, String> environment(Path taskRoot, String handler) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", address());
        if (handler != null) env.put("_HANDLER", handler);
        if (taskRoot != null) env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "probe-fn");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "7");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/probe-fn");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[7]abc");
        return env;
    }

    /** Queues an event with a 30 s deadline; returns its request id. */
    String offer(String json) {
        return offer(json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    String offer(byte[] body, Map<String, String> extraHeaders) {
        String id = UUID.randomUUID().toString();
        Map<String, String> h = new HashMap<>();
        h.put("Lambda-Runtime-Aws-Request-Id", id);
        h.put("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        h.put("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:local:000000000000:function:probe-fn");
        h.put("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        h.putAll(extraHeaders);
        events.add(new Event(id, h, body));
        return id;
    }

    /** The next post, failing the test if none comes within {@code timeout}. */
    Post awaitPost(Duration timeout) throws InterruptedException {
        Post p = posts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (p == null) fail("the runtime posted nothing within " + timeout);
        return p;
    }

    Post awaitPost() throws InterruptedException {
        return awaitPost(Duration.ofSeconds(20));
    }

    /** Waits for the n-th poll of /next to arrive; returns when it did (System.nanoTime). */
    long awaitPoll(Duration timeout) throws InterruptedException {
        Long at = pollArrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (at == null) fail("the runtime did not poll /next within " + timeout);
        return at;
    }

    int polls() {
        return polls.get();
    }

    /** Answers later response posts with {@code status} (as a platform refusing an oversized one with 413). */
    void answerResponsesWith(int status) {
        responseStatus = status;
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!path.startsWith(BASE)) {
                reply(ex, 404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"unknown route " + path + "\"}");
                return;
            }
            String route = path.substring(BASE.length());
            String method = ex.getRequestMethod();
            if (method.equals("GET") && route.equals("invocation/next")) {
                next(ex);
            } else if (method.equals("POST") && route.equals("init/error")) {
                record(ex, "init-error", null, body);
            } else if (method.equals("POST") && route.startsWith("invocation/") && route.endsWith("/response")) {
                record(ex, "response", route.substring(11, route.length() - 9), body);
            } else if (method.equals("POST") && route.startsWith("invocation/") && route.endsWith("/error")) {
                record(ex, "error", route.substring(11, route.length() - 6), body);
            } else {
                reply(ex, 404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"unknown route\"}");
            }
        }
    }

    private void next(HttpExchange ex) throws IOException {
        polls.incrementAndGet();
        pollArrivals.add(System.nanoTime());
        Event e;
        try {
            e = events.poll(120, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            e = null;
        }
        if (e == null || e == CLOSED) {
            if (e == CLOSED) events.add(CLOSED);
            reply(ex, 500, "{\"errorType\":\"Closed\",\"errorMessage\":\"test over\"}");
            return;
        }
        e.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, e.body().length == 0 ? -1 : e.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(e.body());
        }
    }

    private void record(HttpExchange ex, String kind, String requestId, byte[] body) throws IOException {
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(v.size() - 1)));
        int status = kind.equals("response") ? responseStatus : 202;   // before the test can see the post and change it
        posts.add(new Post(kind, requestId, headers, body));
        if (status == 202) {
            reply(ex, 202, "{\"status\":\"OK\"}");
        } else {
            ex.getResponseHeaders().add("Connection", "close");
            reply(ex, status, "{\"errorType\":\"RequestEntityTooLarge\",\"errorMessage\":\"refused\"}");
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        events.add(CLOSED);
        server.stop(0);
        executor.shutdownNow();
    }
}
