package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * A deploy under steady load: while three clients keep invoking, the code changes ({@code $LATEST})
 * or an alias moves to another version or weight. No request fails, none waits on a cold start (no
 * REPORT line carries an Init Duration), and traffic moves to the new code once it is warm.
 *
 * <p>No timing thresholds: every wait is for an event, bounded only to fail instead of hanging.
 */
class ZeroDowntimeDeployTest {

    @Test
    void noRequestFailsOrWaitsOnAColdStartBecauseOfADeploy(@TempDir Path data) throws Exception {
        try (var h = new RunningHearth(data); var lambda = withoutRetries(h)) {
            lambda.createFunction(b -> b.functionName("steady").runtime("python3.12").handler("app.handler").role("r")
                    .code(c -> c.zipFile(answering("v1"))));
            List<Reply> replies;
            try (var load = new SteadyLoad(lambda, "steady", null)) {
                load.awaitEveryClientWarm();
                load.moving();
                lambda.updateFunctionCode(b -> b.functionName("steady").zipFile(answering("v2")));
                load.moved();
                load.awaitUntil(r -> r.sentAfterMove() && "\"v2\"".equals(r.body()), 20,
                        "20 replies of the new code to every client");
                replies = load.stop();
            }
            assertThat(replies).filteredOn(r -> r.failure() != null).isEmpty();
            assertThat(replies).filteredOn(r -> r.sentOnceMoving() && r.coldStart()).isEmpty();
            assertThat(replies).filteredOn(Reply::coldStart).hasSize(CLIENTS);
            assertThat(replies).allMatch(r -> r.executed().equals("$LATEST"));
            assertThat(replies).filteredOn(Reply::doneBeforeMove).isNotEmpty()
                    .allMatch(r -> r.body().equals("\"v1\""));
            assertEachClientStaysOn(replies, Reply::body, "\"v2\"");
        }
    }

    // ---- alias moves -----------------------------------------------------------------------------

    static final int CLIENTS = 3;
    static final Duration BOUND = Duration.ofMinutes(3);   // a bound on waiting for an event, not a timing

    static SdkBytes answering(String answer) {
        return Zips.of(Map.of("app.py", "import time\ndef handler(e, c):\n    time.sleep(0.01)\n    return '"
                + answer + "'\n"));
    }

    @Test
    void anAliasMovedUnderLoadKeepsServingWarmAndNeverGoesBackToTheOldVersion(@TempDir Path data) throws Exception {
        try (var h = new RunningHearth(data); var lambda = withoutRetries(h)) {
            lambda.createFunction(b -> b.functionName("moving").runtime("python3.12").handler("app.handler").role("r")
                    .code(c -> c.zipFile(answering("v1"))).publish(true));
            lambda.createAlias(b -> b.functionName("moving").name("live").functionVersion("1"));
            List<Reply> replies;
            try (var load = new SteadyLoad(lambda, "moving", "live")) {
                load.awaitEveryClientWarm();
                lambda.updateFunctionCode(b -> b.functionName("moving").zipFile(answering("v2")));
                assertThat(lambda.publishVersion(b -> b.functionName("moving")).version()).isEqualTo("2");

                load.moving();
                lambda.updateAlias(b -> b.functionName("moving").name("live").functionVersion("2"));
                load.moved();
                load.awaitUntil(r -> r.sentAfterMove() && "2".equals(r.executed()), 20, "20 replies of version 2 "
                        + "to every client");
                replies = load.stop();
            }
            assertCleanMove(replies);
            // until it moved the alias ran 1; then 2, on every client, and a client served by 2 stays on 2
            assertThat(replies).filteredOn(Reply::doneBeforeMove).isNotEmpty().allMatch(r -> r.executed().equals("1"));
            assertEachClientStaysOn(replies, Reply::executed, "2");
            // version 1 is still invokable by number: its sandboxes were left warm, not stopped
            var direct = lambda.invoke(b -> b.functionName("moving").qualifier("1").logType(LogType.TAIL));
            assertThat(direct.executedVersion()).isEqualTo("1");
            assertThat(direct.payload().asUtf8String()).isEqualTo("\"v1\"");
            assertThat(decode(direct.logResult())).doesNotContain("Init Duration");
        }
    }

    @Test
    void raisingAnAdditionalVersionWeightUnderLoadServesWarm(@TempDir Path data) throws Exception {
        try (var h = new RunningHearth(data); var lambda = withoutRetries(h)) {
            lambda.createFunction(b -> b.functionName("split").runtime("python3.12").handler("app.handler").role("r")
                    .code(c -> c.zipFile(answering("v1"))).publish(true));
            lambda.updateFunctionCode(b -> b.functionName("split").zipFile(answering("v2")));
            assertThat(lambda.publishVersion(b -> b.functionName("split")).version()).isEqualTo("2");
            lambda.createAlias(b -> b.functionName("split").name("live").functionVersion("1"));
            List<Reply> replies;
            try (var load = new SteadyLoad(lambda, "split", "live")) {
                load.awaitEveryClientWarm();
                load.moving();
                lambda.updateAlias(b -> b.functionName("split").name("live").routingConfig(
                        AliasRoutingConfiguration.builder().additionalVersionWeights(Map.of("2", 0.5)).build()));
                load.moved();
                load.awaitUntil(r -> r.sentAfterMove() && "2".equals(r.executed()), 10, "10 replies of version 2 "
                        + "to every client");
                load.awaitUntil(r -> r.sentAfterMove() && "1".equals(r.executed()), 10, "10 replies of version 1 "
                        + "to every client");
                replies = load.stop();
            }
            assertCleanMove(replies);
            assertThat(replies).filteredOn(Reply::doneBeforeMove).isNotEmpty().allMatch(r -> r.executed().equals("1"));
        }
    }

    /**
     * No request failed; none waited on a cold start but the first one of each client (before the
     * move, each client had its own warm sandbox and kept it); each reports the version that ran.
     */
    static void assertCleanMove(List<Reply> replies) {
        assertThat(replies).filteredOn(r -> r.failure() != null).isEmpty();
        assertThat(replies).filteredOn(r -> r.sentOnceMoving() && r.coldStart()).isEmpty();
        assertThat(replies).filteredOn(Reply::coldStart).hasSize(CLIENTS);
        assertThat(replies).allSatisfy(r -> assertThat(r.body()).as("the code of the version reported as executed")
                .isEqualTo("\"v" + r.executed() + "\""));
    }

    /** Every client got {@code value} (of {@code what}) and, from its first such reply on, nothing else. */
    static void assertEachClientStaysOn(List<Reply> replies, Function<Reply, String> what, String value) {
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            List<String> seen = replies.stream().filter(r -> r.client() == client).map(what).toList();
            int first = seen.indexOf(value);
            assertThat(first).as("client %d saw %s", client, value).isNotNegative();
            assertThat(seen.subList(first, seen.size())).as("client %d after its first %s", client, value)
                    .containsOnly(value);
        }
    }

    static String decode(String logResult) {
        return new String(Base64.getDecoder().decode(logResult), StandardCharsets.UTF_8);
    }

    /** A client of {@code h} that never retries: a failed request stays failed. */
    static LambdaClient withoutRetries(RunningHearth h) {
        return LambdaClient.builder().endpointOverride(h.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("hearth", "hearth")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(90)))
                .build();
    }

    /**
     * One reply to one client: {@code sentOnceMoving} when the request was sent after UpdateAlias
     * was, {@code sentAfterMove} after it returned; {@code doneBeforeMove} when it completed before
     * UpdateAlias was sent.
     */
    record Reply(int client, boolean sentOnceMoving, boolean sentAfterMove, boolean doneBeforeMove, String executed,
                 String body, boolean coldStart, String failure) {}

    /** {@link #CLIENTS} clients invoking FUNCTION:ALIAS back to back, every reply recorded, until stopped. */
    static final class SteadyLoad implements AutoCloseable {
        private static final int BEFORE = 0;
        private static final int MOVING = 1;
        private static final int AFTER = 2;
        private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
        private final AtomicInteger phase = new AtomicInteger(BEFORE);
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final List<Future<?>> running = new ArrayList<>();

        SteadyLoad(LambdaClient lambda, String function, String alias) {
            var together = new CyclicBarrier(CLIENTS);   // first requests at once: one sandbox per client
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    together.await(60, TimeUnit.SECONDS);
                    for (int n = 0; n < 20_000 && !stop.get(); n++) {
                        int sentIn = phase.get();
                        try {
                            var r = lambda.invoke(b -> b.functionName(function).qualifier(alias).logType(LogType.TAIL)
                                    .payload(SdkBytes.fromUtf8String("{}")));
                            boolean doneBefore = phase.get() == BEFORE;
                            replies.add(new Reply(client, sentIn != BEFORE, sentIn == AFTER, doneBefore,
                                    r.executedVersion(),
                                    r.payload().asUtf8String(), decode(r.logResult()).contains("Init Duration"),
                                    r.functionError() == null ? null : r.functionError() + ": "
                                            + r.payload().asUtf8String()));
                        } catch (RuntimeException e) {
                            replies.add(new Reply(client, sentIn != BEFORE, sentIn == AFTER, phase.get() == BEFORE,
                                    null, null, false, e.toString()));
                        }
                    }
                    return null;
                }));
            }
        }

        /**
         * Until each client has a warm sandbox of its own: as many cold starts as clients (each
         * started a sandbox, and with one request per client in flight none is ever stopped).
         */
        void awaitEveryClientWarm() {
            await("a sandbox per client").atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(() ->
                    replies.stream().filter(Reply::coldStart).count() >= CLIENTS || failed());
            awaitUntil(r -> true, 5, "5 replies to every client");
            assertThat(replies).filteredOn(r -> r.failure() != null).isEmpty();
        }

        /** Until every client has {@code count} replies matching {@code which} (or a request failed). */
        void awaitUntil(Predicate<Reply> which, int count, String what) {
            await(what).atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(() -> failed() || everyClient(which,
                    count));
        }

        private boolean everyClient(Predicate<Reply> which, int count) {
            int[] per = new int[CLIENTS];
            for (Reply r : replies) {
                if (which.test(r)) per[r.client()]++;
            }
            for (int n : per) {
                if (n < count) return false;
            }
            return true;
        }

        private boolean failed() {
            return replies.stream().anyMatch(r -> r.failure() != null);
        }

        /** UpdateAlias is about to be sent. */
        void moving() {
            phase.set(MOVING);
        }

        /** UpdateAlias returned. */
        void moved() {
            phase.set(AFTER);
        }

        /** Stops the clients and returns every reply, in the order they were recorded. */
        List<Reply> stop() throws Exception {
            stop.set(true);
            for (var f : running) f.get(2, TimeUnit.MINUTES);
            return List.copyOf(replies);
        }

        @Override
        public void close() {
            stop.set(true);
            clients.shutdownNow();
        }
    }
}
