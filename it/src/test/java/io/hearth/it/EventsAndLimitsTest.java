package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Event invokes (durable, retried), the node concurrency limit, restarts and process hygiene. */
class EventsAndLimitsTest {
    /** Real threads for concurrent callers (the common pool has one thread on a 2-core machine). */
    private static final java.util.concurrent.Executor THREADS = java.util.concurrent.Executors.newCachedThreadPool();

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static InvokeResponse event(RunningHearth h, String fn, String payload) {
        return h.lambda().invoke(b -> b.functionName(fn).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void eventIsAcceptedThenRunAndRetriedOnFailure(@TempDir Path data, @TempDir Path out) throws Exception {
        try (var h = new RunningHearth(data)) {
            Functions.python(h.lambda(), "ev", 3, Map.of("OUT_DIR", out.toString()));
            var r = event(h, "ev", "{\"action\":\"touch\",\"failUntil\":2}");
            assertThat(r.statusCode()).isEqualTo(202);
            String id = r.responseMetadata().requestId();
            // first attempt fails, the retry (same request id, 200 ms later) succeeds: exactly 2 runs
            await().atMost(Duration.ofSeconds(20)).until(() -> files(out).size() == 2);
            Thread.sleep(1000);  // a third run would come 200 ms after the second
            assertThat(files(out)).hasSize(2).allMatch(p -> p.getFileName().toString().startsWith(id));
        }
    }

    @Test
    void eventFailingEveryTimeRunsThreeTimesThenStops(@TempDir Path data, @TempDir Path out) throws Exception {
        try (var h = new RunningHearth(data)) {
            Functions.python(h.lambda(), "ev-fail", 3, Map.of("OUT_DIR", out.toString()));
            event(h, "ev-fail", "{\"action\":\"touch\",\"failUntil\":99}");
            await().atMost(Duration.ofSeconds(20)).until(() -> files(out).size() == 3);
            Thread.sleep(1000);
            assertThat(files(out)).hasSize(3);
        }
    }

    @Test
    void overTheNodeLimitSyncInvokesGet429AtOnceAndEventsWait(@TempDir Path data, @TempDir Path out)
            throws Exception {
        try (var h = new RunningHearth(data, 2, 4, List.of(Duration.ofMillis(200)))) {
            Functions.python(h.lambda(), "slow", 10, Map.of("OUT_DIR", out.toString()));
            var busy = List.of(
                    CompletableFuture.supplyAsync(() -> InvokeSdkTestSupport.invoke(h, "slow", "{\"action\":\"sleep\",\"seconds\":3}"), THREADS),
                    CompletableFuture.supplyAsync(() -> InvokeSdkTestSupport.invoke(h, "slow", "{\"action\":\"sleep\",\"seconds\":3}"), THREADS));
            await().atMost(Duration.ofSeconds(10)).until(() -> h.server().engine().liveSandboxes() == 2);
            Thread.sleep(300);
            long t0 = System.nanoTime();
            var raw = RawHttp.post(h.endpoint().resolve("/2015-03-31/functions/slow/invocations"), "{}");
            assertThat(raw.statusCode()).isEqualTo(429);
            assertThat(raw.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(v -> assertThat(v).startsWith("TooManyRequestsException"));
            assertThat(raw.headers().firstValue("Retry-After")).isPresent();
            assertThat(raw.body()).contains("ConcurrentInvocationLimitExceeded");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            // an event accepted while the node is full is held, then runs
            assertThat(event(h, "slow", "{\"action\":\"touch\"}").statusCode()).isEqualTo(202);
            for (var f : busy) assertThat(f.get().payload().asUtf8String()).isEqualTo("\"slept\"");
            await().atMost(Duration.ofSeconds(15)).until(() -> files(out).size() == 1);
        }
    }

    @Test
    void sdkSurfacesThrottlingAsTooManyRequests(@TempDir Path data) throws Exception {
        try (var h = new RunningHearth(data, 1, 2, List.of())) {
            Functions.python(h.lambda(), "one", 10, Map.of());
            var busy = CompletableFuture.supplyAsync(() -> InvokeSdkTestSupport.invoke(h, "one", "{\"action\":\"sleep\",\"seconds\":4}"), THREADS);
            await().atMost(Duration.ofSeconds(10)).until(() -> h.server().engine().liveSandboxes() == 1);
            Thread.sleep(300);
            var noRetry = software.amazon.awssdk.services.lambda.LambdaClient.builder().endpointOverride(h.endpoint())
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b")))
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                            .retryStrategy(b -> b.maxAttempts(1)))
                    .build();
            try (noRetry) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> noRetry.invoke(b -> b.functionName("one")))
                        .isInstanceOf(TooManyRequestsException.class)
                        .satisfies(e -> assertThat(((TooManyRequestsException) e).reason()).isNotNull());
            }
            busy.get();
        }
    }

    @Test
    void pendingEventsAndFunctionsSurviveARestart(@TempDir Path data, @TempDir Path out) throws Exception {
        var h = new RunningHearth(data, 1, 2, List.of(Duration.ofMillis(200)));
        try {
            Functions.python(h.lambda(), "later", 10, Map.of("OUT_DIR", out.toString()));
            var busy = CompletableFuture.supplyAsync(() -> InvokeSdkTestSupport.invoke(h, "later", "{\"action\":\"sleep\",\"seconds\":3}"), THREADS);
            await().atMost(Duration.ofSeconds(10)).until(() -> h.server().engine().liveSandboxes() == 1);
            Thread.sleep(300);
            // the node is full: the event is accepted, persisted and held
            assertThat(event(h, "later", "{\"action\":\"touch\"}").statusCode()).isEqualTo(202);
            assertThat(files(out)).isEmpty();
            h.stop();          // kills the running sandbox; the sync caller sees an error
            assertThat(busy).failsWithin(Duration.ofSeconds(10));
            h.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> files(out).size() == 1);
        } finally {
            h.close();
        }
    }

    @Test
    void stoppingTheNodeLeavesNoSandboxProcesses(@TempDir Path data) throws Exception {
        var h = new RunningHearth(data);
        Functions.python(h.lambda(), "p1", 3, Map.of());
        Functions.node(h.lambda(), "n1", Functions.NODE);
        InvokeSdkTestSupport.invoke(h, "p1", "{}");
        InvokeSdkTestSupport.invoke(h, "n1", "{}");
        List<Long> pids = new java.util.ArrayList<>(h.server().engine().sandboxPids());
        assertThat(pids).hasSize(2);
        pids.addAll(h.server().engine().pooledSandboxPids());   // the warming pool's go too
        h.close();
        for (long pid : pids) {
            await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        }
    }

    @Test
    void leftoversOfACrashedRunAreKilledAtStart(@TempDir Path data) throws Exception {
        Path sandboxes = data.resolve("sandboxes");
        Files.createDirectories(sandboxes);
        Process orphan = new ProcessBuilder("sleep", "300").start();
        long start = orphan.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        Files.writeString(sandboxes.resolve("sb-old-1.pid"), orphan.pid() + " " + start + "\n");
        Files.writeString(sandboxes.resolve("sb-old-1.log"), "stale");
        try (var h = new RunningHearth(data)) {
            assertThat(h.server().engine().leftoversKilled()).isEqualTo(1);
            assertThat(orphan.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(Files.exists(sandboxes.resolve("sb-old-1.log"))).isFalse();
        } finally {
            orphan.destroyForcibly();
        }
    }
}
