package io.hearth.engine.prediction;

import static io.hearth.engine.prediction.Traces.MINUTE;
import static io.hearth.engine.prediction.Traces.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrewarmPlannerTest {
    private static final long NONE = Long.MIN_VALUE;
    private final PrewarmPlanner planner = new PrewarmPlanner(2 * SECOND, 2 * MINUTE);
    /** Every 30 min, last call at 0, gaps up to 2 s off. */
    private final Period halfHourly = new Period(30 * MINUTE, 0, 2 * SECOND, 10, 1.0);
    private final long expected = 30 * MINUTE;

    @Test
    void theWindowFollowsTheJitterWithinAFloorAndTheTolerance() {
        assertThat(PrewarmPlanner.windowMillis(halfHourly)).isEqualTo(3 * SECOND);
        assertThat(PrewarmPlanner.windowMillis(new Period(MINUTE, 0, 0, 3, 0.4))).isEqualTo(SECOND);
        assertThat(PrewarmPlanner.windowMillis(new Period(MINUTE, 0, 10 * SECOND, 3, 0.4)))
                .isEqualTo(PeriodDetector.toleranceMillis(MINUTE));
    }

    @Test
    void aSandboxIsAskedForLeadPlusWindowBeforeTheExpectedCall() {
        long prewarmAt = expected - 3 * SECOND - 2 * SECOND;
        assertThat(planner.due(halfHourly, MINUTE, NONE, prewarmAt - 1)).isEmpty();
        var beat = planner.due(halfHourly, MINUTE, NONE, prewarmAt).orElseThrow();
        assertThat(beat).isEqualTo(new PrewarmPlanner.Beat(expected, prewarmAt, expected + 3 * SECOND));
        assertThat(planner.due(halfHourly, MINUTE, NONE, expected + 3 * SECOND)).as("late, still in the window")
                .isPresent();
    }

    @Test
    void noBeatIsPlannedWhenKeepAliveOutlivesTheWindow() {
        assertThat(planner.due(halfHourly, 31 * MINUTE, NONE, expected - 4 * SECOND)).isEmpty();
    }

    @Test
    void aPlannedBeatIsNotPlannedAgainAndTheNextOneFollowsUpToThreeBeatsAhead() {
        assertThat(planner.due(halfHourly, MINUTE, expected, expected)).as("beat 1 already planned").isEmpty();
        long second = 2 * expected;
        assertThat(planner.due(halfHourly, MINUTE, expected, second - 5 * SECOND).orElseThrow().expectedMillis())
                .isEqualTo(second);
        long third = 3 * expected;
        assertThat(planner.due(halfHourly, MINUTE, second, third - 5 * SECOND).orElseThrow().expectedMillis())
                .isEqualTo(third);
        assertThat(planner.due(halfHourly, MINUTE, third, 4 * expected - 5 * SECOND)).as("the pattern stopped")
                .isEmpty();
    }

    @Test
    void aFunctionTooIrregularToHoldCheaplyIsNotPrewarmed() {
        var daily = new Period(24 * 60 * MINUTE, 0, 2 * MINUTE, 10, 1.0);
        assertThat(PrewarmPlanner.windowMillis(daily)).isEqualTo(3 * MINUTE);
        assertThat(planner.due(daily, MINUTE, NONE, daily.nextExpectedMillis() - 4 * MINUTE)).isEmpty();
    }
}
