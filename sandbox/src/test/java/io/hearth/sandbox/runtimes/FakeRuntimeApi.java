package io.hearth.sandbox.runtimes;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A test double of Hearth's Runtime API over a raw socket: serves one unguessable session prefix
 * on 127.0.0.1, answers GET /next with queued events (Content-Length, or chunked when asked),
 * records every POST (response, error, init error) and answers it 202; it can announce
 * {@code Connection: close} or silently drop a keep-alive connection after a POST. {@link #close} drops the
 * listener and every connection, as a dying server would.
 */
final class FakeRuntimeApi implements AutoCloseable {

    /** An invocation to hand out; {@code headers} are sent as they are. */
    record Event(String requestId, String body, Map<String, String> headers) {
        static Event of(String requestId, String body) {
            var h = new LinkedHashMap<String, String>();
            h.put("Lambda-Runtime-Aws-Request-Id", requestId);
            h.put("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
            h.put("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:fn");
            h.put("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
            return new Event(requestId, body, h);
        }

        Event with(String header, String value) {
            var h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Event(requestId, body, h);
        }
    }

    /** One POST: {@code kind} is response, error or init-error; {@code output} is the runtime's output when it arrived. */
    record Post(String kind, String requestId, String errorType, String body, String contentType, String output) {}

    private final ServerSocket server;
    private final String prefix;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    private final CopyOnWriteArrayList<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;
    volatile Supplier<String> outputProbe = () -> "";
    volatile boolean chunkedNext;
    volatile boolean closeAfterEachResponse;
    volatile boolean dropAfterPost;

    FakeRuntimeApi() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        byte[] token = new byte[16];
        ThreadLocalRandom.current().nextBytes(token);
        prefix = "/s/" + HexFormat.of().formatHex(token);
        Thread.ofVirtual().name("fake-runtime-api-accept").start(this::acceptLoop);
    }

    /** The value of AWS_LAMBDA_RUNTIME_API: host:port/prefix. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort() + prefix;
    }

    int port() { return server.getLocalPort(); }

    int connections() { return connections.get(); }

    void enqueue(Event event) { events.add(event); }

    Post awaitPost(Duration timeout) throws InterruptedException {
        Post post = posts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (post == null) throw new AssertionError("the runtime posted nothing within " + timeout);
        return post;
    }

    Post pollPost(Duration timeout) throws InterruptedException {
        return posts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) s.close();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                sockets.add(s);
                connections.incrementAndGet();
                Thread.ofVirtual().name("fake-runtime-api-conn").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            while (!closed) {
                String requestLine = line(in);
                if (requestLine == null) return;
                Map<String, String> headers = new LinkedHashMap<>();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int c = h.indexOf(':');
                    headers.put(h.substring(0, c).trim().toLowerCase(Locale.ROOT), h.substring(c + 1).trim());
                }
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                if (!answer(requestLine, headers, body, out)) return;
            }
        } catch (IOException | InterruptedException e) {
            // the runtime or the test closed the connection
        }
    }

    private boolean answer(String requestLine, Map<String, String> headers, byte[] body, OutputStream out)
            throws IOException, InterruptedException {
        String[] parts = requestLine.split(" ");
        String path = parts[1];
        String api = prefix + "/2018-06-01/runtime/";
        if (!path.startsWith(api)) {
            write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", new byte[0]);
            return true;
        }
        String route = path.substring(api.length());
        if (parts[0].equals("GET") && route.equals("invocation/next")) {
            Event e = null;
            while (e == null) {
                if (closed) return false;
                e = events.poll(50, TimeUnit.MILLISECONDS);
            }
            sendEvent(e, out);
            return !closeAfterEachResponse;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String errorType = headers.get("lambda-runtime-function-error-type");
        String contentType = headers.get("content-type");
        if (route.equals("init/error")) {
            posts.add(new Post("init-error", null, errorType, text, contentType, outputProbe.get()));
        } else if (route.startsWith("invocation/") && route.endsWith("/response")) {
            posts.add(new Post("response", between(route), errorType, text, contentType, outputProbe.get()));
        } else if (route.startsWith("invocation/") && route.endsWith("/error")) {
            posts.add(new Post("error", between(route), errorType, text, contentType, outputProbe.get()));
        } else {
            write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", new byte[0]);
            return true;
        }
        byte[] ok = "{\"status\":\"OK\"}\n".getBytes(StandardCharsets.UTF_8);
        write(out, "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: " + ok.length
                + "\r\n" + (closeAfterEachResponse ? "Connection: close\r\n" : "") + "\r\n", ok);
        return !closeAfterEachResponse && !dropAfterPost;
    }

    private void sendEvent(Event e, OutputStream out) throws IOException {
        byte[] body = e.body().getBytes(StandardCharsets.UTF_8);
        var head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n");
        e.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (closeAfterEachResponse) head.append("Connection: close\r\n");
        if (!chunkedNext) {
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            write(out, head.toString(), body);
            return;
        }
        head.append("Transfer-Encoding: chunked\r\n\r\n");
        var chunked = new ByteArrayOutputStream();
        int half = body.length / 2;
        for (int[] range : new int[][] {{0, half}, {half, body.length}}) {
            int n = range[1] - range[0];
            if (n == 0) continue;
            chunked.writeBytes((Integer.toHexString(n) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(body, range[0], n);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        write(out, head.toString(), chunked.toByteArray());
    }

    private static String between(String route) {
        return route.substring("invocation/".length(), route.lastIndexOf('/'));
    }

    private static void write(OutputStream out, String head, byte[] body) throws IOException {
        out.write(head.getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        var b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return null;
    }
}
