package io.hearth.engine.prediction;

import static io.hearth.engine.prediction.Traces.MINUTE;
import static io.hearth.engine.prediction.Traces.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeriodDetectorTest {
    private final PeriodDetector detector = new PeriodDetector();

    /** What the detector sees after each arrival of {@code trace}: the last 32 arrivals. */
    private Optional<Period> after(long[] trace, int arrivals) {
        return detector.detect(Arrays.copyOfRange(trace, Math.max(0, arrivals - ArrivalHistory.CAPACITY), arrivals));
    }

    @Test
    void anExactPeriodIsFoundAfterThreeGapsAndPredictsTheNextCall() {
        long[] t = Traces.periodic(1_000, MINUTE, 0, 4, 0);
        assertThat(after(t, 3)).as("two gaps are not enough").isEmpty();
        Period p = after(t, 4).orElseThrow();
        assertThat(p.periodMillis()).isEqualTo(MINUTE);
        assertThat(p.beats()).isEqualTo(3);
        assertThat(p.jitterMillis()).isZero();
        assertThat(p.nextExpectedMillis()).isEqualTo(1_000 + 4 * MINUTE);
        assertThat(p.confidence()).isEqualTo(3.0 / 8);
    }

    @Test
    void aJitteredPeriodIsFoundForEverySeed() {
        for (long seed = 0; seed < 50; seed++) {
            long[] t = Traces.periodic(0, MINUTE, SECOND, 200, seed);
            for (int n = 4; n <= t.length; n++) {
                Period p = after(t, n).orElseThrow(() -> new AssertionError("not detected"));
                assertThat(p.periodMillis()).isBetween(MINUTE - 1_000, MINUTE + 1_000);
                assertThat(p.jitterMillis()).isLessThanOrEqualTo(2 * SECOND + 1_000);
            }
            assertThat(after(t, t.length).orElseThrow().confidence()).isEqualTo(1.0);
        }
    }

    @Test
    void aSkippedBeatFitsAsAMultiple() {
        long[] t = {0, 60_300, 119_800, 240_100, 299_700, 360_200};
        Period p = detector.detect(t).orElseThrow();
        assertThat(p.beats()).isEqualTo(5);
        assertThat(p.periodMillis()).isEqualTo(Math.round(360_200 / 6.0));
    }

    @Test
    void poissonArrivalsAreNotPeriodic() {
        int evaluations = 0;
        int detected = 0;
        for (long seed = 0; seed < 50; seed++) {
            long[] t = Traces.poisson(0, 5 * MINUTE, 200, seed);
            for (int n = 4; n <= t.length; n++, evaluations++) {
                if (after(t, n).isPresent()) detected++;
            }
        }
        assertThat((double) detected / evaluations).as("false positives over %d evaluations", evaluations)
                .isLessThan(0.01);
    }

    @Test
    void aChangeOfPeriodIsFollowedAfterThreeBeatsOfTheNewOne() {
        long[] old = Traces.periodic(0, MINUTE, 0, 20, 0);
        long[] t = Arrays.copyOf(old, 26);
        for (int i = 20; i < 26; i++) t[i] = t[i - 1] + 90 * SECOND;
        assertThat(after(t, 20).orElseThrow().periodMillis()).isEqualTo(MINUTE);
        assertThat(after(t, 21)).as("the first long gap breaks the old period").isEmpty();
        assertThat(after(t, 22)).isEmpty();
        Period p = after(t, 23).orElseThrow();
        assertThat(p.periodMillis()).isEqualTo(90 * SECOND);
        assertThat(p.beats()).isEqualTo(3);
        assertThat(after(t, 26).orElseThrow().beats()).isEqualTo(6);
    }

    @Test
    void anExtraCallBreaksThePeriodUntilThreeRegularBeatsFollow() {
        long[] t = {0, MINUTE, 2 * MINUTE, 3 * MINUTE, 3 * MINUTE + 20 * SECOND, 4 * MINUTE, 5 * MINUTE,
                6 * MINUTE, 7 * MINUTE};
        assertThat(detector.detect(Arrays.copyOf(t, 5))).isEmpty();
        assertThat(detector.detect(Arrays.copyOf(t, 7))).isEmpty();
        assertThat(detector.detect(Arrays.copyOf(t, 8))).isEmpty();
        assertThat(detector.detect(t).orElseThrow().periodMillis()).isEqualTo(MINUTE);
    }
}
