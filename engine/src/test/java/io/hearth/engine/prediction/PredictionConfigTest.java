package io.hearth.engine.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PredictionConfigTest {

    @Test
    void defaultsSurroundTodaysFixedKeepAlive() {
        var c = PredictionConfig.defaults(Duration.ofMinutes(10));
        assertThat(c).isEqualTo(new PredictionConfig(Duration.ofMinutes(10), Duration.ofMinutes(1),
                Duration.ofMinutes(15), true, 16, Duration.ofSeconds(2), Duration.ofMinutes(2)));
        assertThat(c.sampleMillis()).isEqualTo(10_000);
    }

    @Test
    void aShortOrLongKeepAliveWidensTheRangeInsteadOfFailing() {
        var shortOne = PredictionConfig.defaults(Duration.ofSeconds(1));
        assertThat(shortOne.keepAliveMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(shortOne.sampleMillis()).isEqualTo(250);
        assertThat(PredictionConfig.defaults(Duration.ofHours(1)).keepAliveMax()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void badValuesFailFastAndNameTheKey() {
        var c = PredictionConfig.defaults(Duration.ofMinutes(10));
        assertThatThrownBy(() -> c.withKeepAlive(Duration.ofMinutes(20), Duration.ofMinutes(30)))
                .hasMessageContaining("keep-alive-min");
        assertThatThrownBy(() -> c.withKeepAlive(Duration.ZERO, Duration.ofMinutes(30)))
                .hasMessageContaining("keep-alive-min must be > 0");
        assertThatThrownBy(() -> c.withPrewarm(true, 0)).hasMessageContaining("prewarm-max");
        assertThatThrownBy(() -> new PredictionConfig(Duration.ofMinutes(10), Duration.ofMinutes(1),
                Duration.ofMinutes(15), true, 16, Duration.ofMinutes(3), Duration.ofMinutes(2)))
                .hasMessageContaining("prewarm-lead");
    }
}
