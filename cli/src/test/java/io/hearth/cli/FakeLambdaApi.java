package io.hearth.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for Hearth's HTTP API on a real loopback socket: answers with queued replies in
 * order and records every request. With no reply queued it answers 500 ServiceException, so an
 * unexpected request makes the test fail.
 */
final class FakeLambdaApi implements AutoCloseable {

    /** One request as received. Header names are lower-cased. */
    record Request(String method, String uri, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** One canned answer. */
    record Reply(int status, Map<String, String> headers, byte[] bytes) {
        Reply(int status, Map<String, String> headers, String body) {
            this(status, headers, body.getBytes(StandardCharsets.UTF_8));
        }

        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }

        static Reply error(int status, String type, String message) {
            return new Reply(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type),
                    "{\"Type\":\"User\",\"message\":\"" + message + "\",\"Message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    FakeLambdaApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized FakeLambdaApi reply(Reply reply) {
        replies.add(reply);
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized Request only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests.size() + ": " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        Reply reply;
        synchronized (this) {
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Request(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query), headers, body));
            reply = replies.isEmpty()
                    ? Reply.error(500, "ServiceException", "unexpected request to the fake")
                    : replies.poll();
        }
        byte[] out = reply.bytes();
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("x-amzn-RequestId", "req-" + requests().size());
        boolean noBody = out.length == 0;
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
