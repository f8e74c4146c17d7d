package io.hearth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {

    private static FunctionConfig config(String handler, int timeout, int memory, Map<String, String> env) {
        return new FunctionConfig(Runtime.PYTHON_3_12, handler, timeout, memory, env, null);
    }

    @Test
    void limitsAreEnforcedNamingTheField() {
        assertThatThrownBy(() -> config("a.b", 0, 128, Map.of())).hasMessageContaining("timeout");
        assertThatThrownBy(() -> config("a.b", 901, 128, Map.of())).hasMessageContaining("timeout");
        assertThatThrownBy(() -> config("a.b", 3, 127, Map.of())).hasMessageContaining("memorySize");
        assertThatThrownBy(() -> config("a.b", 3, 10241, Map.of())).hasMessageContaining("memorySize");
        assertThatThrownBy(() -> config("has space", 3, 128, Map.of())).hasMessageContaining("handler");
        assertThatThrownBy(() -> config("a.b", 3, 128, Map.of("1BAD", "x"))).hasMessageContaining("1BAD");
        assertThatThrownBy(() -> config("a.b", 3, 128, Map.of("AWS_REGION", "x"))).hasMessageContaining("reserved");
        assertThatThrownBy(() -> config("a.b", 3, 128, Map.of("BIG", "x".repeat(5000)))).hasMessageContaining("4KB");
    }

    @Test
    void validConfigKeepsValuesAndDefaultsDescription() {
        var c = config("app.handler", 900, 10240, Map.of("KEY", "v"));
        assertThat(c.description()).isEmpty();
        assertThat(c.environment()).containsEntry("KEY", "v");
    }

    @Test
    void patchMergesAndRevalidates() {
        var c = config("app.handler", 3, 128, Map.of());
        var patched = new ConfigPatch(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of(30),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of("d")).applyTo(c);
        assertThat(patched.timeoutSeconds()).isEqualTo(30);
        assertThat(patched.handler()).isEqualTo("app.handler");
        var bad = new ConfigPatch(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of(0),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
        assertThatThrownBy(() -> bad.applyTo(c)).isInstanceOf(HearthException.class);
    }
}
