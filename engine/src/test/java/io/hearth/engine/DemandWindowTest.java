package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemandWindowTest {
    @Test
    void countsTheEventsOfTheLastTenSecondsOnly() {
        var w = new DemandWindow();
        long t = 1_000_000_000L;
        w.record(t);
        w.record(t + 500);
        w.record(t + 3_000);
        assertThat(w.count(t + 3_000)).isEqualTo(3);
        assertThat(w.count(t + 9_999)).isEqualTo(3);
        assertThat(w.count(t + 10_000)).as("the first second has left the window").isEqualTo(1);
        assertThat(w.count(t + 13_000)).isZero();
    }

    @Test
    void aSlotReusedAfterTenSecondsStartsFromZero() {
        var w = new DemandWindow();
        long t = 2_000_000_000L;
        for (int i = 0; i < 5; i++) w.record(t);
        w.record(t + 10_000);   // same ring slot, ten seconds later
        assertThat(w.count(t + 10_000)).isEqualTo(1);
    }

    @Test
    void aClockThatStepsBackDoesNotCountTheFuture() {
        var w = new DemandWindow();
        long t = 3_000_000_000L;
        w.record(t + 5_000);
        assertThat(w.count(t)).isZero();
    }
}
