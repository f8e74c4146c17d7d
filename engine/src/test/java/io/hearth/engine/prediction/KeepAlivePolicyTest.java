package io.hearth.engine.prediction;

import static io.hearth.engine.prediction.Traces.DAY;
import static io.hearth.engine.prediction.Traces.MINUTE;
import static io.hearth.engine.prediction.Traces.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeepAlivePolicyTest {
    /** The defaults: no history → 10 min, min 1 min, max 15 min. */
    private final KeepAlivePolicy defaults = new KeepAlivePolicy(10 * MINUTE, MINUTE, 15 * MINUTE);

    private long keep(KeepAlivePolicy p, long[] arrivals) {
        return p.keepAliveMillis(Traces.gapsOf(arrivals));
    }

    @Test
    void withTooLittleHistoryTheConfiguredDefaultApplies() {
        assertThat(defaults.keepAliveMillis(new long[0])).isEqualTo(10 * MINUTE);
        assertThat(defaults.keepAliveMillis(new long[] {DAY})).isEqualTo(10 * MINUTE);
    }

    @Test
    void aFunctionCalledEvery30SecondsStaysWarm() {
        long[] every30s = Traces.periodic(0, 30 * SECOND, 2 * SECOND, 40, 1);
        assertThat(keep(defaults, every30s)).isGreaterThan(34 * SECOND).isEqualTo(MINUTE);
        var tight = new KeepAlivePolicy(10 * SECOND, 10 * SECOND, 15 * MINUTE);
        assertThat(keep(tight, every30s)).as("adapts above a smaller minimum too").isBetween(45 * SECOND, 51 * SECOND);
    }

    @Test
    void aFunctionCalledOnceADayGetsTheMinimum() {
        assertThat(keep(defaults, Traces.periodic(0, DAY, 2 * 3_600_000, 10, 2))).isEqualTo(MINUTE);
    }

    @Test
    void aFunctionCalledEveryFewMinutesIsKeptAcrossItsGapsWithAMargin() {
        assertThat(keep(defaults, Traces.periodic(0, 4 * MINUTE, 0, 10, 3))).isEqualTo(6 * MINUTE);
        assertThat(keep(defaults, Traces.periodic(0, 12 * MINUTE, 0, 10, 3))).as("clamped to max")
                .isEqualTo(15 * MINUTE);
    }

    @Test
    void aBurstyFunctionIsJudgedByItsSilencesNotItsBusyGaps() {
        // 6 recorded calls 10 s apart, then 4 min 10 s of silence, every 5 minutes.
        long[] bursts = Traces.bursts(0, 5 * MINUTE, 6, 6, 10 * SECOND);
        assertThat(keep(defaults, bursts)).isEqualTo(Math.round(1.5 * (5 * MINUTE - 50 * SECOND)));
    }

    @Test
    void aMostlyRareFunctionWithAFewCloseCallsStillGetsTheMinimum() {
        long[] arrivals = {0, DAY, DAY + 5 * MINUTE, 2 * DAY, 3 * DAY, 4 * DAY};
        assertThat(keep(defaults, arrivals)).isEqualTo(MINUTE);
    }

    @Test
    void aMostlyCoverableFunctionWithRareLongPausesIsKeptAcrossTheCoverableGaps() {
        long[] arrivals = {0, 8 * MINUTE, 16 * MINUTE, 24 * MINUTE, 24 * MINUTE + DAY, 32 * MINUTE + DAY};
        assertThat(keep(defaults, arrivals)).isEqualTo(12 * MINUTE);
    }

    @Test
    void refusesAnInconsistentRange() {
        assertThatThrownBy(() -> new KeepAlivePolicy(MINUTE, 2 * MINUTE, 15 * MINUTE))
                .hasMessageContaining("min ≤ default ≤ max");
    }
}
