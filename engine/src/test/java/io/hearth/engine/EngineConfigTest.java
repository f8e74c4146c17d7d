package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
    private static final Path DIR = Path.of("/tmp/x");

    @Test
    void badValuesAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> new EngineConfig(DIR, "mars", "000000000000", 1, 1, Duration.ofMinutes(1), List.of()))
                .hasMessageContaining("region");
        assertThatThrownBy(() -> new EngineConfig(DIR, "us-east-1", "12", 1, 1, Duration.ofMinutes(1), List.of()))
                .hasMessageContaining("account");
        assertThatThrownBy(() -> new EngineConfig(DIR, "us-east-1", "000000000000", 0, 1, Duration.ofMinutes(1),
                List.of())).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> new EngineConfig(DIR, "us-east-1", "000000000000", 8, 4, Duration.ofMinutes(1),
                List.of())).hasMessageContaining("max sandboxes");
        assertThatThrownBy(() -> new EngineConfig(DIR, "us-east-1", "000000000000", 1, 1, Duration.ZERO, List.of()))
                .hasMessageContaining("keep-alive");
        var three = List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThatThrownBy(() -> new EngineConfig(DIR, "us-east-1", "000000000000", 1, 1, Duration.ofMinutes(1), three))
                .hasMessageContaining("2 event retries");
    }
}
