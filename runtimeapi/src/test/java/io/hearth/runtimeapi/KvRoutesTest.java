package io.hearth.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.CodeRef;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Invocation;
import io.hearth.model.KvEntry;
import io.hearth.model.Runtime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key-value routes of a session through real HTTP, backed by {@link FakeKv}. */
class KvRoutesTest {
    private final FakeKv kv = new FakeKv();
    private final RuntimeApiServer server = RuntimeApiServer.start("127.0.0.1", 0, kv);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        CountDownLatch held = kv.hold;
        if (held != null) held.countDown();
        server.close();
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, as the function clients do. */
    static String encode(String text) {
        var out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-_.~".indexOf(c) >= 0)) out.append(c);
            else out.append(String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    private HttpResponse<String> send(RuntimeSession s, String method, String pathAndQuery, byte[] body)
            throws Exception {
        return send("http://" + s.apiAddress() + "/hearth/v1/" + pathAndQuery, method, body);
    }

    private HttpResponse<String> send(String url, String method, byte[] body) throws Exception {
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        return http.send(HttpRequest.newBuilder(URI.create(url)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(RuntimeSession s, String key, String value) throws Exception {
        return send(s, "PUT", "kv/" + encode(key), value.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(RuntimeSession s, String key) throws Exception {
        return send(s, "GET", "kv/" + encode(key), null);
    }

    private static String version(HttpResponse<?> r) {
        return r.headers().firstValue("Hearth-Kv-Version").orElse("absent");
    }

    @Test
    void putGetDeleteRoundTripWithVersions() throws Exception {
        var s = server.open("orders");
        var put = put(s, "cart", "{\"items\":[1,2]}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"version\":1}");
        assertThat(put(s, "cart", "{\"items\":[1,2,3]}").body()).isEqualTo("{\"version\":2}");

        var got = get(s, "cart");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("{\"items\":[1,2,3]}");
        assertThat(version(got)).isEqualTo("2");

        var deleted = send(s, "DELETE", "kv/cart", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"version\":3}");
        var gone = get(s, "cart");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("\"errorType\":\"KeyNotFound\"").contains("Key not found: cart");
        assertThat(version(gone)).as("a tombstone keeps its version").isEqualTo("3");

        var never = get(s, "never-written");
        assertThat(never.statusCode()).isEqualTo(404);
        assertThat(version(never)).isEqualTo("0");
    }

    @Test
    void listPagesByPrefixAndSkipsTombstones() throws Exception {
        var s = server.open("fn");
        for (String k : new String[] {"a/1", "a/2", "a/3", "a/4", "b/1"}) put(s, k, "\"v-" + k + "\"");
        send(s, "DELETE", "kv/" + encode("a/3"), null);

        var first = send(s, "GET", "kv?prefix=a%2F&limit=2", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"items\":[{\"key\":\"a/1\",\"version\":1,\"value\":\"\\\"v-a/1\\\"\"},"
                + "{\"key\":\"a/2\",\"version\":1,\"value\":\"\\\"v-a/2\\\"\"}],\"next\":\"a/2\"}");
        var second = send(s, "GET", "kv?prefix=a/&limit=2&after=a%2F2", null);
        assertThat(second.body()).as("a/3 is a tombstone: skipped, but the page still counts it")
                .isEqualTo("{\"items\":[{\"key\":\"a/4\",\"version\":1,\"value\":\"\\\"v-a/4\\\"\"}],\"next\":\"a/4\"}");
        var last = send(s, "GET", "kv?prefix=a/&after=a/4&limit=2", null);
        assertThat(last.body()).isEqualTo("{\"items\":[],\"next\":null}");

        var all = send(s, "GET", "kv", null);
        assertThat(all.body()).contains("\"key\":\"b/1\"").endsWith("\"next\":null}");
        assertThat(kv.calls.getLast()).isEqualTo(new FakeKv.Call("list", "fn", null, null, ""));
    }

    @Test
    void callsAreAttributedToTheSessionsFunctionAndTheInvocationItsRuntimeHolds() throws Exception {
        var s = server.open("billing");
        put(s, "k", "1");
        assertThat(kv.calls.getLast()).isEqualTo(new FakeKv.Call("put", "billing", null, null, "k"));

        var reply = s.deliver(invocation("req-42"));
        assertThat(s.currentRequestId()).as("delivered but not yet taken").isNull();
        assertThat(next(s).get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(s.currentRequestId()).isEqualTo("req-42");
        get(s, "k");
        send(s, "GET", "kv/k?namespace=shared-config", null);
        assertThat(kv.calls.subList(kv.calls.size() - 2, kv.calls.size())).containsExactly(
                new FakeKv.Call("get", "billing", "req-42", null, "k"),
                new FakeKv.Call("get", "billing", "req-42", "shared-config", "k"));

        var posted = send("http://" + s.apiAddress() + "/2018-06-01/runtime/invocation/req-42/response", "POST",
                "1".getBytes(StandardCharsets.UTF_8));
        assertThat(posted.statusCode()).isEqualTo(202);
        reply.get(5, TimeUnit.SECONDS);
        send(s, "DELETE", "kv/k", null);
        assertThat(kv.calls.getLast()).isEqualTo(new FakeKv.Call("delete", "billing", null, null, "k"));
    }

    @Test
    void aGuessedTokenReachesNothingAndEachSessionActsAsItsOwnFunction() throws Exception {
        var victim = server.open("victim");
        var other = server.open("other");
        put(victim, "secret", "\"s3cret\"");
        int before = kv.calls.size();
        String base = "http://" + server.address().getHostString() + ":" + server.address().getPort();
        for (String url : new String[] {base + "/s/AAAAAAAAAAAAAAAAAAAAAA/hearth/v1/kv/secret",
                base + "/s//hearth/v1/kv/secret", base + "/hearth/v1/kv/secret"}) {
            var r = send(url, "GET", null);
            assertThat(r.statusCode()).as(url).isEqualTo(404);
            assertThat(r.body()).doesNotContain("s3cret");
        }
        assertThat(kv.calls).as("the store was never asked").hasSize(before);

        assertThat(get(other, "secret").statusCode()).as("another function's namespace").isEqualTo(404);
        assertThat(kv.calls.getLast().function()).isEqualTo("other");
        other.close("stopped");
        assertThat(get(other, "secret").statusCode()).as("a closed session's token is dead").isEqualTo(404);
        assertThat(kv.calls.getLast().function()).isEqualTo("other");
    }

    @Test
    void aValueOverTheLimitIsRefusedWith413AndTheLimitItselfIsAccepted() throws Exception {
        var s = server.open("fn");
        byte[] max = new byte[KvEntry.MAX_VALUE_BYTES];
        Arrays.fill(max, (byte) 'x');
        var ok = send(s, "PUT", "kv/big", max);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(get(s, "big").body()).hasSize(KvEntry.MAX_VALUE_BYTES);

        var tooBig = send(s, "PUT", "kv/bigger", Arrays.copyOf(max, KvEntry.MAX_VALUE_BYTES + 1));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("\"errorType\":\"RequestEntityTooLarge\"");
        assertThat(kv.calls).noneMatch(c -> c.key().equals("bigger"));

        var streamed = http.send(HttpRequest.newBuilder(URI.create("http://" + s.apiAddress() + "/hearth/v1/kv/chunked"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        new byte[KvEntry.MAX_VALUE_BYTES + 10]))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as("a body without Content-Length is bounded too").isEqualTo(413);
        assertThat(put(s, "after", "1").statusCode()).as("the server still serves").isEqualTo(200);
    }

    @Test
    void keysArePercentDecodedExactly() throws Exception {
        var s = server.open("fn");
        String[] keys = {"a/b/c", "sp ace+plus", "pct%20literal", "ünï/cødé ☃", "q?x=1&y#z", "..", ".", "a//b/",
            "back\\slash", "semi;colon", "ctl\u0001\u001f", "%2e%2e", "/lead"};
        for (String key : keys) {
            var r = put(s, key, "\"" + key.length() + "\"");
            assertThat(r.statusCode()).as(key + " " + r.body()).isEqualTo(200);
            assertThat(kv.calls.getLast().key()).isEqualTo(key);
            assertThat(get(s, key).body()).as(key).isEqualTo("\"" + key.length() + "\"");
        }
        assertThat(send(s, "GET", "kv/a/b/c", null).body()).as("an unencoded slash is part of the key too")
                .isEqualTo("\"5\"");
        var listed = send(s, "GET", "kv?prefix=" + encode("sp ace+"), null);
        assertThat(listed.body()).contains("\"key\":\"sp ace+plus\"").doesNotContain("a/b/c");
        assertThat(send(s, "GET", "kv?prefix=sp+ace", null).body()).as("+ is a space in the query")
                .contains("\"key\":\"sp ace+plus\"");
    }

    @Test
    void badInputIsRefusedWithLambdaShapedErrors() throws Exception {
        var s = server.open("fn");
        var cases = new ArrayList<Object[]>();
        cases.add(new Object[] {"PUT", "kv/", 400, "missing key"});
        cases.add(new Object[] {"GET", "kv/", 400, "missing key"});
        cases.add(new Object[] {"GET", "kv/%C3%28", 400, "not valid UTF-8"});
        cases.add(new Object[] {"GET", "kv?limit=abc", 400, "limit must be an integer"});
        cases.add(new Object[] {"GET", "kv?limit=0", 400, "limit must be between 1 and 1000"});
        cases.add(new Object[] {"GET", "kv?limit=1001", 400, "limit must be between 1 and 1000"});
        cases.add(new Object[] {"GET", "kv/k?namespace=", 400, "namespace must not be empty"});
        cases.add(new Object[] {"GET", "kv/bad", 400, "Key 'bad' is not allowed"});
        cases.add(new Object[] {"PUT", "kv/bad", 400, "Key 'bad' is not allowed"});
        cases.add(new Object[] {"GET", "kv/boom", 500, "key-value store failed: java.lang.IllegalStateException: disk on fire"});
        cases.add(new Object[] {"POST", "kv/k", 404, "unknown route"});
        cases.add(new Object[] {"DELETE", "kv", 404, "unknown route"});
        cases.add(new Object[] {"GET", "kvx", 404, "unknown route"});
        for (Object[] c : cases) {
            var r = send(s, (String) c[0], (String) c[1], c[0].equals("PUT") ? new byte[] {'1'} : null);
            assertThat(r.statusCode()).as(c[0] + " " + c[1]).isEqualTo(c[2]);
            assertThat(r.body()).as(c[0] + " " + c[1]).contains((String) c[3]).contains("\"errorType\":\"");
        }
        assertThat(send(s, "GET", "kv/bad", null).body()).contains("\"errorType\":\"InvalidParameterValueException\"");
        assertThat(raw(s, "GET", "kv/bad%zz")).as("Jetty itself refuses a path it cannot parse")
                .startsWith("HTTP/1.1 400 ");
        assertThat(raw(s, "GET", "kv?prefix=%")).startsWith("HTTP/1.1 400 ").contains("malformed percent-encoding");
        assertThat(raw(s, "GET", "kv/a%C3")).as("truncated UTF-8").startsWith("HTTP/1.1 400 ")
                .contains("not valid UTF-8");
        assertThat(raw(s, "GET", "kv/%u2603")).as("%u escapes are not ours").startsWith("HTTP/1.1 400 ")
                .contains("malformed percent-encoding");
        assertThat(kv.calls).noneMatch(c -> c.key().isEmpty() || c.key().equals("k"));
    }

    @Test
    void withoutAStoreEveryCallIs501() throws Exception {
        try (var bare = RuntimeApiServer.start("127.0.0.1", 0)) {
            var s = bare.open("fn");
            for (String[] c : new String[][] {{"GET", "kv/k"}, {"PUT", "kv/k"}, {"DELETE", "kv/k"}, {"GET", "kv"}}) {
                var r = send(s, c[0], c[1], c[0].equals("PUT") ? new byte[] {'1'} : null);
                assertThat(r.statusCode()).isEqualTo(501);
                assertThat(r.body()).contains("key-value store not configured").contains("KvNotConfigured");
            }
        }
    }

    @Test
    void aSessionMayRunOnlySoManyCallsAtOnceAndTheIoThreadsStayFree() throws Exception {
        var s = server.open("fn");
        var other = server.open("fn");
        kv.hold = new CountDownLatch(1);
        var held = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < KvExchange.MAX_IN_FLIGHT; i++) {
            held.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://" + s.apiAddress() + "/hearth/v1/kv/k" + i))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (kv.waiting.get() < KvExchange.MAX_IN_FLIGHT && System.nanoTime() < end) Thread.sleep(5);
        assertThat(kv.waiting.get()).isEqualTo(KvExchange.MAX_IN_FLIGHT);

        var refused = get(s, "one-more");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("TooManyRequestsException");
        var reply = other.deliver(invocation("req-free"));
        assertThat(next(other).get(5, TimeUnit.SECONDS).statusCode()).as("the Runtime API still answers").isEqualTo(200);

        kv.hold.countDown();
        for (var f : held) assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
        kv.hold = null;
        assertThat(put(s, "again", "1").statusCode()).as("permits are returned").isEqualTo(200);
        assertThat(reply).isNotDone();
    }

    /** One request over a plain socket, for what java.net.http refuses to send; the whole response. */
    private static String raw(RuntimeSession s, String method, String pathAndQuery) throws Exception {
        String address = s.apiAddress();
        String hostPort = address.substring(0, address.indexOf('/'));
        try (var socket = new java.net.Socket(hostPort.substring(0, hostPort.indexOf(':')),
                Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1)))) {
            socket.getOutputStream().write((method + " " + address.substring(hostPort.length()) + "/hearth/v1/"
                    + pathAndQuery + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private CompletableFuture<HttpResponse<String>> next(RuntimeSession s) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://" + s.apiAddress()
                + "/2018-06-01/runtime/invocation/next")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Invocation invocation(String id) {
        var config = new FunctionConfig(Runtime.PYTHON_3_12, "app.handler", 3, 128, Map.of(), "");
        var version = new FunctionVersion("fn", "$LATEST", config, new CodeRef("0".repeat(64), 1), "rev", Instant.EPOCH);
        return new Invocation(id, version, "arn:aws:lambda:us-east-1:000000000000:function:fn",
                "{}".getBytes(StandardCharsets.UTF_8), 1234567L, "Root=1-abc", null, null);
    }
}
