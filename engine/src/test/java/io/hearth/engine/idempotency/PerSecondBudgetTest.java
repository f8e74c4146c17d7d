package io.hearth.engine.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PerSecondBudgetTest {

    @Test
    void refusesPastTheBudgetAndRefillsEachSecond() {
        var b = new PerSecondBudget(3);
        assertThat(b.tryTake(1_000)).isTrue();
        assertThat(b.tryTake(1_100)).isTrue();
        assertThat(b.tryTake(1_999)).isTrue();
        assertThat(b.tryTake(1_999)).isFalse();
        assertThat(b.tryTake(2_000)).isTrue();
        assertThat(b.tryTake(2_500)).isTrue();
    }
}
