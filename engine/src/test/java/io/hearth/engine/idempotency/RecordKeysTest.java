package io.hearth.engine.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.CodeRef;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordKeysTest {
    private static FunctionVersion version(String sha, int memory, Map<String, String> env) {
        return new FunctionVersion("fn", "$LATEST", new FunctionConfig(Runtime.PYTHON_3_12, "app.handler", 3, memory,
                env, "any description"), new CodeRef(sha, 1), java.util.UUID.randomUUID().toString(), Instant.EPOCH);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sameJsonSpelledDifferentlyIsTheSameRequest() {
        var v = version("a".repeat(64), 128, Map.of());
        assertThat(RecordKeys.recordKey(v, utf8("{\"a\":1,\"b\":[1,2,{\"y\":1,\"x\":2}]}")))
                .isEqualTo(RecordKeys.recordKey(v, utf8(" { \"b\" : [1,2,{\"x\":2,\"y\":1}], \"a\":1 } ")));
        assertThat(RecordKeys.recordKey(v, utf8("{\"a\":1}"))).isNotEqualTo(RecordKeys.recordKey(v, utf8("{\"a\":2}")));
        assertThat(RecordKeys.recordKey(v, utf8("[1,2]"))).isNotEqualTo(RecordKeys.recordKey(v, utf8("[2,1]")));
    }

    @Test
    void invalidJsonIsRefused() {
        var v = version("a".repeat(64), 128, Map.of());
        assertThatThrownBy(() -> RecordKeys.recordKey(v, utf8("{nope"))).isInstanceOf(HearthException.class);
    }

    @Test
    void codeTokenChangesWithCodeAndWithWhatRunsButNotWithTheDescription() {
        var base = version("a".repeat(64), 128, Map.of("KEY", "1"));
        assertThat(RecordKeys.codeToken(base)).isEqualTo(RecordKeys.codeToken(version("a".repeat(64), 128,
                Map.of("KEY", "1"))));
        assertThat(RecordKeys.codeToken(base)).isNotEqualTo(RecordKeys.codeToken(version("b".repeat(64), 128,
                Map.of("KEY", "1"))));
        assertThat(RecordKeys.codeToken(base)).isNotEqualTo(RecordKeys.codeToken(version("a".repeat(64), 256,
                Map.of("KEY", "1"))));
        assertThat(RecordKeys.codeToken(base)).isNotEqualTo(RecordKeys.codeToken(version("a".repeat(64), 128,
                Map.of("KEY", "2"))));
    }

    @Test
    void changesAreExplainedReadably() {
        assertThat(IdempotencyGate.describeChange("kv:prices", "v4", "v5")).isEqualTo("kv:prices changed 4→5");
        assertThat(IdempotencyGate.describeChange("code:", "x", "y")).isEqualTo("code changed");
        assertThat(IdempotencyGate.describeChange("https://h/x", "etag:1", "etag:2")).isEqualTo("https://h/x changed");
    }

    @Test
    void dependencyUrisParse() {
        assertThat(DependencyUri.parse("kv:prices")).isEqualTo(new DependencyUri.Kv(null, "prices"));
        assertThat(DependencyUri.parse("kv://rates/eur/usd")).isEqualTo(new DependencyUri.Kv("rates", "eur/usd"));
        assertThat(DependencyUri.parse("file:///etc/hosts")).isInstanceOf(DependencyUri.File.class);
        assertThat(DependencyUri.ofKv(null, "k")).isEqualTo("kv:k");
        assertThat(DependencyUri.ofKv("ns", "k")).isEqualTo("kv://ns/k");
        assertThatThrownBy(() -> DependencyUri.parse("kv:")).isInstanceOf(HearthException.class);
        assertThatThrownBy(() -> DependencyUri.parse("kv://ns")).isInstanceOf(HearthException.class);
    }
}
