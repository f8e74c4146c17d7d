package io.hearth.runtime.java;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonWriterTest {

    private static String write(Object v) throws JsonException {
        return new String(JsonWriter.write(v, false), StandardCharsets.UTF_8);
    }

    /** A bean with a field, getters, an is-getter, a null and a getter-only property. */
    public static class Bean {
        public String publicField = "pf";
        private String name = "n";
        private boolean active = true;
        private String missing;
        private Bean self;

        public String getName() { return name; }
        public boolean isActive() { return active; }
        public String getMissing() { return missing; }
        public String getURL() { return "u"; }
        public int getZeta() { return 26; }
        public Bean getSelf() { return self; }
    }

    record Point(int x, Integer y, String label) {}

    enum Color { RED }

    @Test
    void scalarsAndContainers() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\u0001é");
        m.put("i", 1);
        m.put("l", 3_000_000_000L);
        m.put("d", 1.5);
        m.put("nan", Double.NaN);
        m.put("big", new BigDecimal("12.00"));
        m.put("b", true);
        m.put("n", null);
        m.put("list", List.of(1, "x"));
        m.put("arr", new int[] {1, 2});
        m.put("bytes", "hi".getBytes(StandardCharsets.UTF_8));
        m.put("buffer", ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
        m.put("enum", Color.RED);
        m.put("opt", Optional.of("o"));
        m.put("empty", Optional.empty());
        m.put("c", 'c');
        assertThat(write(m)).isEqualTo("{\"s\":\"a\\\"b\\\\c\\n\\u0001é\",\"i\":1,\"l\":3000000000,\"d\":1.5,\"nan\":\"NaN\","
                + "\"big\":12.00,\"b\":true,\"n\":null,\"list\":[1,\"x\"],\"arr\":[1,2],\"bytes\":\"aGk=\",\"buffer\":\"aGk=\","
                + "\"enum\":\"RED\",\"opt\":\"o\",\"empty\":null,\"c\":\"c\"}");
        assertThat(write("plain")).isEqualTo("\"plain\"");
        assertThat(write(null)).isEqualTo("null");
    }

    @Test
    void beansWriteGettersAndPublicFieldsInFieldOrderWithoutNulls() throws Exception {
        assertThat(write(new Bean())).isEqualTo("{\"publicField\":\"pf\",\"name\":\"n\",\"active\":true,\"URL\":\"u\",\"zeta\":26}");
        assertThat(write(new Point(1, null, "p"))).isEqualTo("{\"x\":1,\"label\":\"p\"}");
    }

    @Test
    void datesAndTimesAsLambdasSerializerWritesThem() throws Exception {
        assertThat(write(new Date(1_700_000_000_123L))).isEqualTo("1700000000123");
        assertThat(new String(JsonWriter.write(new Date(1_700_000_000_123L), true), StandardCharsets.UTF_8))
                .isEqualTo("1.700000000123E9");
        assertThat(write(Instant.ofEpochSecond(1_700_000_000L, 5_000_000))).isEqualTo("1700000000.005000000");
        assertThat(write(Instant.ofEpochSecond(1_700_000_000L))).isEqualTo("1700000000.0");
        assertThat(write(LocalDate.of(2024, 1, 31))).isEqualTo("[2024,1,31]");
        assertThat(write(LocalDateTime.of(2024, 1, 31, 10, 15))).isEqualTo("[2024,1,31,10,15]");
        assertThat(write(Duration.ofMillis(1500))).isEqualTo("1.500000000");
    }

    @Test
    void cyclesFailInsteadOfOverflowing() {
        Bean b = new Bean();
        b.self = b;
        assertThatThrownBy(() -> write(b)).isInstanceOf(JsonException.class).hasMessageContaining("self-reference");
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThatThrownBy(() -> write(loop)).isInstanceOf(JsonException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void nullMapKeysAreRefused() {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put(null, 1);
        assertThatThrownBy(() -> write(m)).hasMessageContaining("Null key");
    }
}
