package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Idempotent execution through real sockets and real sandboxes: the side effect a run leaves (a
 * file per run in OUT_DIR) proves whether anything ran.
 */
class IdempotencyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String FUNCTION = """
            import hearth, os, time
            def handler(event, context):
                price = hearth.kv.get("price", default=0)
                open(os.path.join(os.environ["OUT_DIR"], context.aws_request_id), "w").write("ran")
                if event.get("fail"):
                    raise RuntimeError("nope")
                if event.get("sleep"):
                    time.sleep(event["sleep"])
                return {"price": price, "n": event.get("n")}
            """;

    @TempDir
    static Path data;
    static RunningHearth hearth;

    @BeforeAll
    static void start() {
        hearth = new RunningHearth(data);
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    static void create(String name, Path out, Map<String, String> tags) {
        hearth.lambda().createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).handler("app.handler")
                .role("r").timeout(10).environment(e -> e.variables(Map.of("OUT_DIR", out.toString())))
                .tags(tags).code(FunctionCode.builder().zipFile(Zips.of(Map.of("app.py", FUNCTION))).build()));
    }

    static Map<String, String> idempotent(String... more) {
        var m = new java.util.HashMap<String, String>();
        m.put("hearth:idempotent", "true");
        for (int i = 0; i < more.length; i += 2) m.put(more[i], more[i + 1]);
        return m;
    }

    static InvokeResponse invoke(String fn, String payload) {
        return hearth.lambda().invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String(payload)));
    }

    static boolean replayed(InvokeResponse r) {
        return r.sdkHttpResponse().firstMatchingHeader("X-Hearth-Idempotent").filter("replay"::equals).isPresent();
    }

    static long runs(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.count();
        }
    }

    static void putKv(String fn, String key, String json) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(hearth.endpoint().resolve("/hearth/v1/kv/function:" + fn + "/" + key))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static long metric(String name) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(hearth.endpoint().resolve("/hearth/v1/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        var m = java.util.regex.Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static String why(String fn, String requestId) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(hearth.endpoint().resolve("/hearth/v1/functions/" + fn
                + "/idempotency/decisions/" + requestId)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var d = JSON.readTree(r.body());
        return d.get("replayed").asBoolean() ? "replayed " + d.get("priorRequestId").asText() : d.get("reason").asText();
    }

    @Test
    void aHitReturnsThePriorResultWithoutRunningAndATrackedReadChangeRunsAgain(@TempDir Path out) throws Exception {
        create("idem-kv", out, idempotent());
        putKv("idem-kv", "price", "4");
        var first = invoke("idem-kv", "{\"n\":1}");
        assertThat(replayed(first)).isFalse();
        assertThat(first.payload().asUtf8String()).isEqualTo("{\"price\": 4, \"n\": 1}");
        long sandboxes = hearth.server().engine().liveSandboxes();
        long replaysBefore = metric("hearth_idempotent_replays_total");
        long invocationsBefore = metric("hearth_invocations_total");

        var second = invoke("idem-kv", "{ \"n\" : 1 }");   // same JSON, other spelling
        assertThat(replayed(second)).isTrue();
        assertThat(second.payload().asUtf8String()).isEqualTo(first.payload().asUtf8String());
        assertThat(second.sdkHttpResponse().firstMatchingHeader("X-Hearth-Replay-Of"))
                .hasValue(first.responseMetadata().requestId());
        assertThat(runs(out)).isEqualTo(1);
        assertThat(hearth.server().engine().liveSandboxes()).isEqualTo(sandboxes);
        assertThat(metric("hearth_idempotent_replays_total")).isEqualTo(replaysBefore + 1);
        assertThat(metric("hearth_invocations_total")).isEqualTo(invocationsBefore);
        assertThat(why("idem-kv", second.responseMetadata().requestId()))
                .isEqualTo("replayed " + first.responseMetadata().requestId());
        // the replay is logged (aggregated once a second)
        await().atMost(Duration.ofSeconds(5)).until(() -> HTTP.send(HttpRequest.newBuilder(hearth.endpoint()
                        .resolve("/hearth/v1/functions/idem-kv/logs")).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body().contains("REPLAY RequestId: " + second.responseMetadata().requestId()));

        putKv("idem-kv", "price", "5");   // the tracked read's key changes version
        var third = invoke("idem-kv", "{\"n\":1}");
        assertThat(replayed(third)).isFalse();
        assertThat(third.payload().asUtf8String()).contains("\"price\": 5");
        assertThat(runs(out)).isEqualTo(2);
        assertThat(why("idem-kv", third.responseMetadata().requestId())).isEqualTo("kv:price changed 1→2");

        var other = invoke("idem-kv", "{\"n\":2}");    // another payload is another record
        assertThat(replayed(other)).isFalse();
        assertThat(why("idem-kv", other.responseMetadata().requestId())).isEqualTo("no prior record");
        assertThat(replayed(invoke("idem-kv", "{\"n\":2}"))).isTrue();
        assertThat(runs(out)).isEqualTo(3);
    }

    @Test
    void codeChangeRunsAgain(@TempDir Path out) throws Exception {
        create("idem-code", out, idempotent());
        invoke("idem-code", "{}");
        assertThat(replayed(invoke("idem-code", "{}"))).isTrue();
        hearth.lambda().updateFunctionCode(b -> b.functionName("idem-code")
                .zipFile(Zips.of(Map.of("app.py", FUNCTION + "\n# v2\n"))));
        var r = invoke("idem-code", "{}");
        assertThat(replayed(r)).isFalse();
        assertThat(why("idem-code", r.responseMetadata().requestId())).isEqualTo("code changed");
        assertThat(runs(out)).isEqualTo(2);
    }

    @Test
    void declaredUrlAndFileDependencies(@TempDir Path out, @TempDir Path files) throws Exception {
        var etag = new AtomicReference<>("\"v1\"");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/config", x -> {
            x.getResponseHeaders().add("ETag", etag.get());
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        Path file = files.resolve("rates.csv");
        Files.writeString(file, "a,1\n");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/config";
        try {
            create("idem-deps", out, idempotent("hearth:depends-on", url + ",file:" + file));
            invoke("idem-deps", "{}");
            assertThat(replayed(invoke("idem-deps", "{}"))).isTrue();

            etag.set("\"v2\"");
            var r = invoke("idem-deps", "{}");
            assertThat(replayed(r)).isFalse();
            assertThat(why("idem-deps", r.responseMetadata().requestId())).isEqualTo(url + " changed");
            assertThat(replayed(invoke("idem-deps", "{}"))).isTrue();

            Files.writeString(file, "a,2\n");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            var f = invoke("idem-deps", "{}");
            assertThat(replayed(f)).isFalse();
            assertThat(why("idem-deps", f.responseMetadata().requestId())).isEqualTo("file:" + file + " changed");
            assertThat(runs(out)).isEqualTo(3);
        } finally {
            server.stop(0);
        }
        // the URL is now unreachable: every request runs, nothing is recorded
        var down = invoke("idem-deps", "{}");
        assertThat(replayed(down)).isFalse();
        assertThat(why("idem-deps", down.responseMetadata().requestId())).startsWith("dependency unreachable: ");
        assertThat(replayed(invoke("idem-deps", "{}"))).isFalse();
        assertThat(runs(out)).isEqualTo(5);
    }

    @Test
    void failuresAreNotReplayedByDefault(@TempDir Path out) throws Exception {
        create("idem-fail", out, idempotent());
        var r1 = invoke("idem-fail", "{\"fail\":true}");
        assertThat(r1.functionError()).isEqualTo("Unhandled");
        var r2 = invoke("idem-fail", "{\"fail\":true}");
        assertThat(replayed(r2)).isFalse();
        assertThat(runs(out)).isEqualTo(2);
    }

    @Test
    void failuresAreReplayedWhenThePolicySaysSo(@TempDir Path out) throws Exception {
        create("idem-fail-replay", out, idempotent("hearth:replay-failures", "true"));
        invoke("idem-fail-replay", "{\"fail\":true}");
        var r2 = invoke("idem-fail-replay", "{\"fail\":true}");
        assertThat(replayed(r2)).isTrue();
        assertThat(r2.functionError()).isEqualTo("Unhandled");
        assertThat(runs(out)).isEqualTo(1);
    }

    @Test
    void recordsExpireAfterTheirTtl(@TempDir Path out) throws Exception {
        create("idem-ttl", out, idempotent("hearth:idempotency-ttl", "1"));
        invoke("idem-ttl", "{}");
        assertThat(replayed(invoke("idem-ttl", "{}"))).isTrue();
        Thread.sleep(1100);
        var r = invoke("idem-ttl", "{}");
        assertThat(replayed(r)).isFalse();
        assertThat(why("idem-ttl", r.responseMetadata().requestId())).isEqualTo("expired");
    }

    @Test
    void fiftyConcurrentIdenticalRequestsRunOnce(@TempDir Path out) throws Exception {
        create("idem-flight", out, idempotent());
        List<Future<InvokeResponse>> all = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(50)) {
            for (int i = 0; i < 50; i++) {
                all.add(pool.submit((Callable<InvokeResponse>) () -> invoke("idem-flight", "{\"sleep\":1}")));
            }
            var bodies = new java.util.HashSet<String>();
            for (var f : all) bodies.add(f.get().payload().asUtf8String());
            assertThat(bodies).hasSize(1);
        }
        assertThat(runs(out)).isEqualTo(1);
    }

    @Test
    void tagsSetThroughTheSdkTurnIdempotencyOnAndOff(@TempDir Path out) throws Exception {
        create("idem-tags", out, Map.of());
        invoke("idem-tags", "{}");
        assertThat(replayed(invoke("idem-tags", "{}"))).isFalse();
        String arn = hearth.lambda().getFunction(b -> b.functionName("idem-tags")).configuration().functionArn();
        hearth.lambda().tagResource(b -> b.resource(arn).tags(Map.of("hearth:idempotent", "true")));
        invoke("idem-tags", "{}");
        assertThat(replayed(invoke("idem-tags", "{}"))).isTrue();
        hearth.lambda().untagResource(b -> b.resource(arn).tagKeys("hearth:idempotent"));
        assertThat(replayed(invoke("idem-tags", "{}"))).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hearth.lambda().tagResource(b -> b.resource(arn)
                        .tags(Map.of("hearth:idempotency-ttl", "soon"))))
                .isInstanceOf(software.amazon.awssdk.services.lambda.model.InvalidParameterValueException.class);
    }

    @Test
    void theHearthApiSetsAndShowsTheSettings(@TempDir Path out) throws Exception {
        create("idem-api", out, Map.of());
        URI settings = hearth.endpoint().resolve("/hearth/v1/functions/idem-api/idempotency");
        var put = HTTP.send(HttpRequest.newBuilder(settings).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"idempotent\":true,\"ttlSeconds\":600,\"dependsOn\":[\"kv:price\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).toString()).isEqualTo(
                "{\"idempotent\":true,\"ttlSeconds\":600,\"replayFailures\":false,\"dependsOn\":[\"kv:price\"]}");
        assertThat(hearth.lambda().listTags(b -> b.resource(hearth.lambda().getFunction(g -> g.functionName("idem-api"))
                .configuration().functionArn())).tags()).containsEntry("hearth:idempotency-ttl", "600");
        invoke("idem-api", "{}");
        assertThat(replayed(invoke("idem-api", "{}"))).isTrue();
        var bad = HTTP.send(HttpRequest.newBuilder(settings).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"ttlSeconds\":0}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterValueException");
        var off = HTTP.send(HttpRequest.newBuilder(settings).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"idempotent\":false,\"dependsOn\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(off.body()).get("idempotent").asBoolean()).isFalse();
        assertThat(replayed(invoke("idem-api", "{}"))).isFalse();
    }

    @Test
    void clientIdempotencyKeyReplaysAndRefusesAnotherPayload(@TempDir Path out) throws Exception {
        create("plain-keys", out, Map.of());
        URI uri = hearth.endpoint().resolve("/2015-03-31/functions/plain-keys/invocations");
        var first = HTTP.send(HttpRequest.newBuilder(uri).header("Idempotency-Key", "order-17")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":17}")).build(), HttpResponse.BodyHandlers.ofString());
        var again = HTTP.send(HttpRequest.newBuilder(uri).header("Idempotency-Key", "order-17")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":17}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("X-Hearth-Replay-Of")).isEqualTo(first.headers().firstValue("x-amzn-RequestId"));
        assertThat(runs(out)).isEqualTo(1);
        var conflict = HTTP.send(HttpRequest.newBuilder(uri).header("Idempotency-Key", "order-17")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":18}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("different payload");
        // Event invokes with a key are accepted once
        var e1 = HTTP.send(HttpRequest.newBuilder(uri).header("Idempotency-Key", "evt-1")
                .header("X-Amz-Invocation-Type", "Event").POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        var e2 = HTTP.send(HttpRequest.newBuilder(uri).header("Idempotency-Key", "evt-1")
                .header("X-Amz-Invocation-Type", "Event").POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(e1.statusCode()).isEqualTo(202);
        assertThat(e2.headers().firstValue("x-amzn-RequestId")).isEqualTo(e1.headers().firstValue("x-amzn-RequestId"));
        await().atMost(Duration.ofSeconds(10)).until(() -> runs(out) == 2);
        Thread.sleep(500);
        assertThat(runs(out)).isEqualTo(2);
    }

    @Test
    void eventInvokesOfAnIdempotentFunctionAreReplayedToo(@TempDir Path out) throws Exception {
        create("idem-events", out, idempotent());
        var event = (Callable<Integer>) () -> hearth.lambda().invoke(b -> b.functionName("idem-events")
                .invocationType(software.amazon.awssdk.services.lambda.model.InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"n\":5}"))).statusCode();
        assertThat(event.call()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> runs(out) == 1);
        long replaysBefore = metric("hearth_idempotent_replays_total");
        assertThat(event.call()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("hearth_idempotent_replays_total") == replaysBefore + 1);
        assertThat(runs(out)).isEqualTo(1);
        // and a sync invoke with the same payload is answered from the event's run
        assertThat(replayed(invoke("idem-events", "{\"n\":5}"))).isTrue();
    }

    @Test
    void aPublishedVersionKeepsTheIdempotencyItWasPublishedWith(@TempDir Path out) throws Exception {
        create("idem-versions", out, idempotent());
        var lambda = hearth.lambda();
        assertThat(lambda.publishVersion(b -> b.functionName("idem-versions")).version()).isEqualTo("1");
        String arn = lambda.getFunction(b -> b.functionName("idem-versions")).configuration().functionArn();
        lambda.untagResource(b -> b.resource(arn).tagKeys("hearth:idempotent"));   // $LATEST no longer idempotent

        var v1 = (Callable<InvokeResponse>) () -> lambda.invoke(b -> b.functionName("idem-versions").qualifier("1")
                .payload(SdkBytes.fromUtf8String("{\"n\":1}")));
        assertThat(replayed(v1.call())).isFalse();
        assertThat(replayed(v1.call())).isTrue();      // version 1 was published idempotent
        assertThat(replayed(invoke("idem-versions", "{\"n\":1}"))).isFalse();
        assertThat(replayed(invoke("idem-versions", "{\"n\":1}"))).isFalse();
        assertThat(runs(out)).isEqualTo(3);
    }

    @Test
    void recordsSurviveARestart(@TempDir Path own, @TempDir Path out) throws Exception {
        try (var node = new RunningHearth(own)) {
            node.lambda().createFunction(b -> b.functionName("idem-durable").runtime(Runtime.PYTHON3_12)
                    .handler("app.handler").role("r").environment(e -> e.variables(Map.of("OUT_DIR", out.toString())))
                    .tags(idempotent()).code(c -> c.zipFile(Zips.of(Map.of("app.py", FUNCTION)))));
            var first = node.lambda().invoke(b -> b.functionName("idem-durable").payload(SdkBytes.fromUtf8String("{}")));
            node.restart();
            var after = node.lambda().invoke(b -> b.functionName("idem-durable").payload(SdkBytes.fromUtf8String("{}")));
            assertThat(replayed(after)).isTrue();
            assertThat(after.payload().asUtf8String()).isEqualTo(first.payload().asUtf8String());
            assertThat(runs(out)).isEqualTo(1);
        }
    }
}
