package io.hearth.engine.prediction;

import static io.hearth.engine.prediction.Traces.DAY;
import static io.hearth.engine.prediction.Traces.HOUR;
import static io.hearth.engine.prediction.Traces.MINUTE;
import static io.hearth.engine.prediction.Traces.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.engine.prediction.TraceSimulator.Mode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The claims, replayed on a virtual clock: periodic traces get ≥ 90% fewer cold starts
 * with prediction than without, at a bounded idle-memory cost; keep-alive adapts to call rates.
 */
class PrewarmTraceTest {
    private static final PredictionConfig DEFAULTS = PredictionConfig.defaults(Duration.ofMinutes(10));
    private static final Mode TODAY = new Mode.Fixed(10 * MINUTE);
    /**
     * Per pre-warm, the longest a pre-warmed sandbox may wait here: lead 2 s + a window of at most
     * ±4 s (the tolerance of a 60 s period; a ±1 s jitter gives a ±3 s window).
     */
    private static final long MAX_HOLD = 2 * SECOND + 2 * 4 * SECOND;

    @Test
    void aSixtySecondTimerUnderATightKeepAliveCapGetsNinetyPercentFewerColdStarts() {
        // An operator capping keep-alive at 30 s: a 60 s timer would cold-start on every call.
        var tight = new PredictionConfig(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30), true,
                16, Duration.ofSeconds(2), Duration.ofMinutes(2));
        var trace = Map.of("timer", Traces.periodic(0, MINUTE, SECOND, 200, 42));

        var without = TraceSimulator.run(new Mode.Adaptive(tight.withPrewarm(false, 1)), trace).of("timer");
        var with = TraceSimulator.run(new Mode.Adaptive(tight), trace);
        var timer = with.of("timer");

        assertThat(without.coldStarts()).isEqualTo(200);
        assertThat(timer.coldStarts()).isLessThanOrEqualTo(without.coldStarts() / 10).isLessThanOrEqualTo(6);
        assertThat(with.stats().hits()).isGreaterThanOrEqualTo(190);
        assertThat(timer.maxPrewarmHoldMillis()).isLessThanOrEqualTo(MAX_HOLD);
        // Memory: per call at most one pre-warm hold plus the 10 s minimum keep-alive (+ 1 s reaper round).
        assertThat(timer.idleMillis()).isLessThanOrEqualTo(200 * (MAX_HOLD + 11 * SECOND));
        var fixed = TraceSimulator.run(TODAY, trace).of("timer");
        assertThat(timer.idleMillis()).as("well under today's 10 min keep-alive").isLessThan(fixed.idleMillis() / 2);
    }

    @Test
    void aHalfHourlyCronUnderTheDefaultsIsPrewarmedInsteadOfColdStarted() {
        var trace = Map.of("cron", Traces.periodic(0, 30 * MINUTE, SECOND, 200, 7));

        var fixed = TraceSimulator.run(TODAY, trace).of("cron");
        var without = TraceSimulator.run(new Mode.Adaptive(DEFAULTS.withPrewarm(false, 1)), trace).of("cron");
        var run = TraceSimulator.run(new Mode.Adaptive(DEFAULTS), trace);
        var with = run.of("cron");

        assertThat(fixed.coldStarts()).isEqualTo(200);
        assertThat(without.coldStarts()).isEqualTo(200);
        assertThat(with.coldStarts()).isLessThanOrEqualTo(fixed.coldStarts() / 10).isLessThanOrEqualTo(6);
        assertThat(run.stats().made()).isEqualTo(run.stats().hits() + run.stats().misses() + run.stats().open());
        assertThat(run.stats().misses()).isLessThanOrEqualTo(2);
        // Memory: a pre-warm hold plus the 1 min minimum keep-alive (+ 1 s reaper round) per call...
        assertThat(with.maxPrewarmHoldMillis()).isLessThanOrEqualTo(MAX_HOLD);
        assertThat(with.idleMillis()).isLessThanOrEqualTo(200 * (MAX_HOLD + 61 * SECOND) + 10 * MINUTE);
        // ...which is about a tenth of what today's keep-alive holds for nothing.
        assertThat(with.idleMillis()).isLessThan(fixed.idleMillis() / 8);
    }

    @Test
    void aMixedNodeKeepsEachFunctionsGainsAndHoldsLessMemoryThanToday() {
        var trace = new LinkedHashMap<String, long[]>();
        trace.put("every-minute", Traces.periodic(0, MINUTE, SECOND, 200, 1));
        trace.put("cron", Traces.periodic(10 * SECOND, 30 * MINUTE, SECOND, 200, 2));
        trace.put("random", Traces.poisson(0, 5 * MINUTE, 200, 3));
        trace.put("daily", Traces.periodic(3 * HOUR, DAY, 5 * SECOND, 30, 4));

        var today = TraceSimulator.run(TODAY, trace);
        var adaptive = TraceSimulator.run(new Mode.Adaptive(DEFAULTS), trace);

        assertThat(adaptive.of("every-minute").coldStarts()).as("kept warm by keep-alive alone").isEqualTo(1);
        assertThat(adaptive.of("every-minute").prewarms()).as("only for beats 2 and 3 after its calls stopped")
                .isLessThanOrEqualTo(PrewarmPlanner.MAX_BEATS_AHEAD - 1);
        assertThat(adaptive.of("cron").coldStarts()).isLessThanOrEqualTo(today.of("cron").coldStarts() / 10);
        assertThat(today.of("daily").coldStarts()).isEqualTo(30);
        assertThat(adaptive.of("daily").coldStarts()).isLessThanOrEqualTo(5);
        assertThat(adaptive.of("daily").idleSecondsPerArrival()).as("a daily function holds ~the minimum")
                .isLessThan(today.of("daily").idleSecondsPerArrival() / 4);
        assertThat(adaptive.of("random").prewarms()).as("random calls are rarely mistaken for a period")
                .isLessThanOrEqualTo(4);
        assertThat(adaptive.of("random").coldStarts()).isLessThanOrEqualTo(today.of("random").coldStarts());
        assertThat(adaptive.maxPrewarmedAtOnce()).isLessThanOrEqualTo(DEFAULTS.prewarmMax());
        assertThat(adaptive.totalIdleMillis()).isLessThan(today.totalIdleMillis());
    }

    @Test
    void callsThatStopCostAtMostThreeBoundedPrewarms() {
        var trace = Map.of("cron", Traces.periodic(0, 30 * MINUTE, SECOND, 20, 5));
        var run = TraceSimulator.run(new Mode.Adaptive(DEFAULTS), trace, 3 * HOUR);
        var cron = run.of("cron");
        // After the last call, beats 1..3 are pre-warmed and released; then prediction stops.
        assertThat(run.stats().misses()).isEqualTo(PrewarmPlanner.MAX_BEATS_AHEAD);
        assertThat(cron.releases()).isEqualTo(PrewarmPlanner.MAX_BEATS_AHEAD);
        assertThat(cron.prewarms()).isEqualTo(run.stats().made());
        assertThat(cron.maxPrewarmHoldMillis()).isLessThanOrEqualTo(MAX_HOLD);
    }
}
