package io.hearth.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void quotesWhatJsonRequiresAndKeepsTheRest() {
        assertThat(JsonText.quote(null)).isEqualTo("null");
        assertThat(JsonText.quote("")).isEqualTo("\"\"");
        assertThat(JsonText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(JsonText.quote("l1\nl2\r\t\u0000\u001f")).isEqualTo("\"l1\\nl2\\r\\t\\u0000\\u001f\"");
        assertThat(JsonText.quote("café ☃ 😀 /")).isEqualTo("\"café ☃ 😀 /\"");
        assertThat(JsonText.quote("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    }

    @Test
    void aLoneSurrogateIsEscapedRatherThanMangledInUtf8() {
        assertThat(JsonText.quote("x\ud800y")).isEqualTo("\"x\\ud800y\"");
        assertThat(JsonText.quote("\udc00")).isEqualTo("\"\\udc00\"");
        assertThat(JsonText.quote("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
    }

    @org.junit.jupiter.api.Test
    void errorBodiesAreValidJson() {
        assertThat(JsonText.errorBody("Runtime.ExitError", "said \"no\"\n"))
                .isEqualTo("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"said \\\"no\\\"\\n\"}");
    }
}
