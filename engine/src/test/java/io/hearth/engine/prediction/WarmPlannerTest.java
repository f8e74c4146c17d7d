package io.hearth.engine.prediction;

import static io.hearth.engine.prediction.Traces.MINUTE;
import static io.hearth.engine.prediction.Traces.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmPlannerTest {
    private static final long P = 30 * MINUTE;
    private final PredictionConfig config = PredictionConfig.defaults(Duration.ofMinutes(10));

    /** A planner that has seen {@code key} called at 0, P, 2P, 3P. */
    private WarmPlanner<String> learned(PredictionConfig c, String... keys) {
        var planner = new WarmPlanner<String>(c);
        for (int i = 0; i < 4; i++) {
            for (String k : keys) planner.recordArrival(k, i * P);
        }
        return planner;
    }

    private static List<PrewarmDecision<String>> tickUntil(WarmPlanner<String> planner, long from, long to) {
        var out = new ArrayList<PrewarmDecision<String>>();
        for (long t = from; t <= to; t += SECOND) out.addAll(planner.tick(t));
        return out;
    }

    @Test
    void anUnknownFunctionGetsTheDefaultKeepAliveAndNoPrediction() {
        var planner = new WarmPlanner<String>(config);
        assertThat(planner.keepAliveMillis("f")).isEqualTo(10 * MINUTE);
        assertThat(planner.period("f")).isEmpty();
        assertThat(planner.tick(0)).isEmpty();
    }

    @Test
    void aPeriodicFunctionIsPrewarmedOnceBeforeItsNextCallAndTheCallIsAHit() {
        var planner = learned(config, "cron");
        assertThat(planner.keepAliveMillis("cron")).isEqualTo(MINUTE);
        assertThat(planner.period("cron").orElseThrow().periodMillis()).isEqualTo(P);
        long expected = 4 * P;
        assertThat(tickUntil(planner, 3 * P, expected - 4 * SECOND)).isEmpty();
        assertThat(tickUntil(planner, expected - 3 * SECOND, expected)).as("lead 2 s + window 1 s before")
                .containsExactly(new PrewarmDecision.Prewarm<>("cron", expected, expected + SECOND));
        assertThat(planner.stats().open()).isEqualTo(1);
        planner.recordArrival("cron", expected + 500);
        assertThat(planner.stats()).isEqualTo(new PredictionStats(1, 1, 0, 0, 0));
        assertThat(tickUntil(planner, expected + SECOND, expected + 2 * MINUTE)).as("no release after a hit")
                .isEmpty();
    }

    @Test
    void aCallThatDoesNotComeIsAMissWithAReleaseAndPredictionStopsAfterThreeBeats() {
        var planner = learned(config, "cron");
        var decisions = tickUntil(planner, 3 * P, 8 * P);
        assertThat(decisions).containsExactly(
                new PrewarmDecision.Prewarm<>("cron", 4 * P, 4 * P + SECOND),
                new PrewarmDecision.Release<>("cron", 4 * P),
                new PrewarmDecision.Prewarm<>("cron", 5 * P, 5 * P + SECOND),
                new PrewarmDecision.Release<>("cron", 5 * P),
                new PrewarmDecision.Prewarm<>("cron", 6 * P, 6 * P + SECOND),
                new PrewarmDecision.Release<>("cron", 6 * P));
        assertThat(planner.stats()).isEqualTo(new PredictionStats(3, 0, 3, 0, 0));
        planner.recordArrival("cron", 8 * P + 10 * SECOND);
        assertThat(planner.stats().hits()).as("a call long after the window is no hit").isZero();
    }

    @Test
    void aLateCallAfterTheWindowIsAMissNotAHit() {
        var planner = learned(config, "cron");
        tickUntil(planner, 3 * P, 4 * P);
        planner.recordArrival("cron", 4 * P + 5 * SECOND);
        assertThat(tickUntil(planner, 4 * P + 5 * SECOND, 4 * P + 5 * SECOND))
                .containsExactly(new PrewarmDecision.Release<>("cron", 4 * P));
        assertThat(planner.stats()).isEqualTo(new PredictionStats(1, 0, 1, 0, 0));
    }

    @Test
    void aFunctionKeptWarmAcrossItsPeriodIsNotPrewarmedWhileItsCallsKeepComing() {
        var planner = new WarmPlanner<String>(config);
        var decisions = new ArrayList<PrewarmDecision<String>>();
        for (long t = 0; t <= 20 * MINUTE; t += SECOND) {
            if (t % MINUTE == 0) planner.recordArrival("every-minute", t);
            decisions.addAll(planner.tick(t));
        }
        assertThat(planner.period("every-minute")).isPresent();
        assertThat(planner.keepAliveMillis("every-minute")).isEqualTo(90 * SECOND);
        assertThat(decisions).isEmpty();
        // When the calls stop, the sandbox kept since the last one is gone by the second missing
        // beat: beats 2 and 3 are pre-warmed (and missed), then prediction stops.
        assertThat(tickUntil(planner, 20 * MINUTE + SECOND, 30 * MINUTE)).extracting(PrewarmDecision::key)
                .hasSize(4);
        assertThat(planner.stats()).isEqualTo(new PredictionStats(2, 0, 2, 0, 0));
    }

    @Test
    void atMostPrewarmMaxPredictionsAreOpenAndTheRestAreCountedAsCapped() {
        var planner = learned(config.withPrewarm(true, 2), "a", "b", "c");
        var made = tickUntil(planner, 3 * P, 4 * P - 3 * SECOND);
        assertThat(made).hasSize(2).allMatch(d -> d instanceof PrewarmDecision.Prewarm<String>);
        assertThat(planner.stats().capped()).isEqualTo(1);
        assertThat(planner.stats().open()).isEqualTo(2);
    }

    @Test
    void withPrewarmOffNothingIsPredictedButKeepAliveStillAdapts() {
        var planner = learned(config.withPrewarm(false, 1), "cron");
        assertThat(tickUntil(planner, 3 * P, 5 * P)).isEmpty();
        assertThat(planner.keepAliveMillis("cron")).isEqualTo(MINUTE);
    }

    @Test
    void forgottenFunctionsLoseTheirHistoryAndPredictions() {
        var planner = learned(config, "f:$LATEST:r1", "g:1:r1");
        tickUntil(planner, 3 * P, 4 * P - 3 * SECOND);
        planner.forget(k -> k.startsWith("f:$LATEST:"));
        assertThat(planner.trackedFunctions()).isEqualTo(1);
        assertThat(planner.keepAliveMillis("f:$LATEST:r1")).isEqualTo(10 * MINUTE);
        assertThat(planner.stats().open()).isEqualTo(1);
    }

    @Test
    void eachPredictionIsResolvedExactlyOnceWhenCallsRaceTheTick() throws Exception {
        String[] keys = {"a", "b", "c", "d", "e", "f", "g", "h"};
        var planner = learned(config, keys);
        var ticker = Thread.ofPlatform().start(() -> {
            for (long t = 3 * P; t <= 4 * P + 10 * SECOND; t += 100) planner.tick(t);
        });
        var callers = new ArrayList<Thread>();
        for (int c = 0; c < 4; c++) {
            callers.add(Thread.ofPlatform().start(() -> {
                for (long t = 4 * P - 2 * SECOND; t <= 4 * P + 2 * SECOND; t += 10) {
                    for (String k : keys) planner.recordArrival(k, t);
                }
            }));
        }
        ticker.join(30_000);
        for (Thread t : callers) t.join(30_000);
        planner.tick(4 * P + 20 * SECOND);
        PredictionStats s = planner.stats();
        assertThat(s.open()).isZero();
        assertThat(s.hits() + s.misses()).isEqualTo(s.made());
        assertThat(s.made()).isLessThanOrEqualTo(keys.length);
    }

    @Test
    void statsAreNamedAsMetrics() {
        assertThat(new PredictionStats(5, 3, 1, 2, 1).metrics()).containsExactly(
                java.util.Map.entry("hearth_prewarm_predictions_total", 5L),
                java.util.Map.entry("hearth_prewarm_hits_total", 3L),
                java.util.Map.entry("hearth_prewarm_misses_total", 1L),
                java.util.Map.entry("hearth_prewarm_capped_total", 2L),
                java.util.Map.entry("hearth_prewarm_open", 1L));
    }

    @Test
    void recordingABusyFunctionsArrivalsDoesNotAllocate() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var planner = new WarmPlanner<String>(config);
        String key = "hot:$LATEST:r1";
        long t = 0;
        for (int i = 0; i < 200_000; i++) planner.recordArrival(key, t++);   // warm up (and the JIT)
        long self = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(self);
        for (int i = 0; i < 1_000_000; i++) planner.recordArrival(key, t++);
        long allocated = threads.getThreadAllocatedBytes(self) - before;
        assertThat(allocated).as("bytes allocated by 1,000,000 arrivals").isLessThan(64 * 1024);
    }
}
