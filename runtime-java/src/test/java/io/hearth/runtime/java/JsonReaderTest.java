package io.hearth.runtime.java;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReaderTest {

    private static Object read(String json) throws JsonException {
        return JsonBinder.natural(JsonReader.parse(json));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsTheJsonGrammarKeepingOrderAndNumberText() throws Exception {
        Object tree = JsonReader.parse(" {\"a\":[1,-2.50,3e2,true,false,null],\"b\":{\"c\":\"d\"},\"e\":{}} ");
        assertThat(tree).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        var m = (Map<String, Object>) tree;
        assertThat(m.keySet()).containsExactly("a", "b", "e");
        assertThat((List<Object>) m.get("a")).containsExactly(new JsonNumber("1", true), new JsonNumber("-2.50", false),
                new JsonNumber("3e2", false), true, false, null);
    }

    @Test
    void naturalNumbersAreIntegerLongBigIntegerOrDouble() throws Exception {
        assertThat(read("[1, 3000000000, 100000000000000000000, 1.5, 2147483647, -2147483648]")).isEqualTo(List.of(
                1, 3_000_000_000L, new java.math.BigInteger("100000000000000000000"), 1.5, Integer.MAX_VALUE, Integer.MIN_VALUE));
    }

    @Test
    void stringEscapesIncludingSurrogatePairsAndRawUtf8() throws Exception {
        assertThat(read("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00 ü\"")).isEqualTo("a\"b\\c/d\n\té😀 ü");
    }

    @Test
    void lenientLikeLambdasReader() throws Exception {
        assertThat(read("{'single': 'quotes', unquoted: 1, \"lead\": 007, \"nan\": NaN, \"esc\": \"\\q\"}"))
                .isEqualTo(Map.of("single", "quotes", "unquoted", 1, "lead", 7, "nan", Double.NaN, "esc", "q"));
        assertThat(read("{\"a\":1} trailing garbage")).isEqualTo(Map.of("a", 1));
        assertThat(read("{\"a\":1,\"a\":2}")).isEqualTo(Map.of("a", 2));
        assertThat(read("\uFEFF[]")).isEqualTo(List.of());
    }

    @Test
    void errorsNameTheProblemAndItsPlace() {
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":}")).isInstanceOf(JsonException.class)
                .hasMessageContaining("Unexpected character ('}' (code 125)): expected a valid value")
                .hasMessageContaining("line: 1, column: 6");
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":1\n,\"b\" 2}")).hasMessageContaining("was expecting a colon")
                .hasMessageContaining("line: 2");
        assertThatThrownBy(() -> JsonReader.parse("[1,]")).hasMessageContaining("expected a valid value");
        assertThatThrownBy(() -> JsonReader.parse("\"open")).hasMessageContaining("was expecting closing quote");
        assertThatThrownBy(() -> JsonReader.parse("tru")).hasMessageContaining("Unrecognized token 'tru'");
        assertThatThrownBy(() -> JsonReader.parse("  ")).hasMessageContaining("No content to map due to end-of-input");
        assertThatThrownBy(() -> JsonReader.parse("1.")).hasMessageContaining("Decimal point not followed by a digit");
    }

    @Test
    void nestingIsBounded() {
        assertThatThrownBy(() -> JsonReader.parse("[".repeat(1001) + "]".repeat(1001)))
                .hasMessageContaining("nesting depth");
        org.assertj.core.api.Assertions.assertThatCode(() -> JsonReader.parse("[".repeat(1000) + "]".repeat(1000)))
                .doesNotThrowAnyException();
    }
}
