package io.hearth.engine.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotencyPolicyTest {

    @Test
    void readsEveryTag() {
        var p = IdempotencyPolicy.fromTags(Map.of("hearth:idempotent", "true", "hearth:idempotency-ttl", "60",
                "hearth:replay-failures", "yes", "hearth:depends-on", "kv:prices, https://example.com/x ,file:/etc/hosts"));
        assertThat(p.enabled()).isTrue();
        assertThat(p.ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.replayFailures()).isTrue();
        assertThat(p.dependsOn()).containsExactly("kv:prices", "https://example.com/x", "file:/etc/hosts");
    }

    @Test
    void absentTagsMeanOffWithDefaults() {
        var p = IdempotencyPolicy.fromTags(Map.of("team", "core"));
        assertThat(p.enabled()).isFalse();
        assertThat(p.ttl()).isEqualTo(Duration.ofHours(24));
        assertThat(p.replayFailures()).isFalse();
        assertThat(p.dependsOn()).isEmpty();
    }

    @Test
    void badValuesNameTheTag() {
        assertThatThrownBy(() -> IdempotencyPolicy.fromTags(Map.of("hearth:idempotent", "maybe")))
                .hasMessageContaining("hearth:idempotent");
        assertThatThrownBy(() -> IdempotencyPolicy.fromTags(Map.of("hearth:idempotency-ttl", "0")))
                .hasMessageContaining("hearth:idempotency-ttl");
        assertThatThrownBy(() -> IdempotencyPolicy.fromTags(Map.of("hearth:depends-on", "ftp://x/y")))
                .hasMessageContaining("ftp://x/y");
        assertThatThrownBy(() -> IdempotencyPolicy.fromTags(Map.of("hearth:depends-on", "file:relative/path")))
                .hasMessageContaining("ABSOLUTE");
        assertThatThrownBy(() -> IdempotencyPolicy.fromTags(Map.of("hearth:depends-on", "kv://bad ns/k")))
                .hasMessageContaining("Namespace");
    }
}
