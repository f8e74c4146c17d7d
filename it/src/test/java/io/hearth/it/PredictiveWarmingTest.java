package io.hearth.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.engine.EngineConfig;
import io.hearth.engine.PoolSettings;
import io.hearth.sandbox.isolation.IsolationLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Predictive pre-warming through two whole nodes fed the same periodic trace side by side: one
 * with prediction, one without. The keep-alive range is squeezed (200–500 ms) so that without
 * prediction every call of a function called every 2.5 s is a cold start; with prediction, once
 * the period has been seen, calls find a sandbox started for them shortly before (their REPORT
 * has no Init Duration) and the node counts the hits.
 */
class PredictiveWarmingTest {
    private static final String NOOP = "def handler(event, context):\n    return 1\n";

    private static RunningHearth node(Path data, boolean prewarm) {
        var pools = new PoolSettings(0, 0).withKeepAliveRange(Duration.ofMillis(200), Duration.ofMillis(500))
                .withPrewarm(prewarm, 4);
        return new RunningHearth(data, 4, 8, List.of(), IsolationLevel.NONE, pools, Duration.ofMillis(300));
    }

    private static final int BEATS = 9;

    private static List<Boolean> beats(LambdaClient lambda, long start) throws InterruptedException {
        List<Boolean> cold = new ArrayList<>();
        for (int beat = 0; beat < BEATS; beat++) {
            long wait = start + beat * 2_500_000_000L - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            cold.add(coldCall(lambda));
        }
        return cold;
    }

    private static boolean coldCall(LambdaClient lambda) {
        var r = lambda.invoke(b -> b.functionName("tick").logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{}")));
        assertThat(r.functionError()).isNull();
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8).contains("Init Duration");
    }

    @Test
    void aPeriodicFunctionStopsColdStartingOncePredicted(@TempDir Path data) throws Exception {
        try (var predicted = node(data.resolve("on"), true); var plain = node(data.resolve("off"), false)) {
            for (var h : List.of(predicted, plain)) {
                h.lambda().createFunction(b -> b.functionName("tick").runtime("python3.12").handler("app.handler")
                        .role("r").code(c -> c.zipFile(Zips.of(Map.of("app.py", NOOP)))));
            }
            // each node gets the same schedule on its own thread, so one node's slow call does not shift the other's beats
            long start = System.nanoTime() + 200_000_000L;
            var trace = java.util.concurrent.Executors.newFixedThreadPool(2);
            java.util.concurrent.Future<List<Boolean>> on = trace.submit(() -> beats(predicted.lambda(), start));
            java.util.concurrent.Future<List<Boolean>> off = trace.submit(() -> beats(plain.lambda(), start));
            List<Boolean> withPrediction = on.get(60, java.util.concurrent.TimeUnit.SECONDS);
            List<Boolean> without = off.get(60, java.util.concurrent.TimeUnit.SECONDS);
            trace.shutdown();
            assertThat(without).as("without prediction every call is cold").containsOnly(true);
            // the first 4 calls teach the period (3 gaps); most of the ones after it find a pre-warmed sandbox
            assertThat(withPrediction.subList(4, BEATS).stream().filter(cold -> !cold).count())
                    .as("warm calls after the period was learnt: " + withPrediction).isGreaterThanOrEqualTo(3);
            var m = predicted.metrics();
            assertThat(m.get("hearth_prewarm_predictions_total")).isGreaterThanOrEqualTo(3);
            assertThat(m.get("hearth_prewarm_hits_total")).isPositive();
            assertThat(plain.metrics().get("hearth_prewarm_predictions_total")).isZero();
        }
    }

    @Test
    void aBadKeepAliveRangeIsRefusedAtConfiguration() {
        var pools = PoolSettings.defaults().withKeepAliveRange(Duration.ofMinutes(5), Duration.ofMinutes(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EngineConfig(Path.of("/tmp/x"), "us-east-1",
                        "123456789012", 1, 1, Duration.ofMinutes(2), List.of(), IsolationLevel.NONE, pools))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep-alive-min");
    }
}
