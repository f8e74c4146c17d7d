package io.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.HearthException;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void decodesNamesAndValuesAndKeepsRepeats() {
        QueryParams q = QueryParams.parse("Qualifier=%24LATEST&tagKeys=a&tagKeys=b%20c&flag&empty=&&x=1=2");

        assertThat(q.first("Qualifier")).isEqualTo("$LATEST");
        assertThat(q.all("tagKeys")).containsExactly("a", "b c");
        assertThat(q.first("flag")).isEmpty();
        assertThat(q.first("empty")).isEmpty();
        assertThat(q.first("x")).isEqualTo("1=2");
        assertThat(q.first("missing")).isNull();
        assertThat(q.all("missing")).isEmpty();
    }

    @Test
    void noQueryHasNoParameters() {
        assertThat(QueryParams.parse(null).first("a")).isNull();
        assertThat(QueryParams.parse("").all("a")).isEmpty();
    }

    @Test
    void malformedEscapesAreInvalidParameters() {
        assertThatThrownBy(() -> QueryParams.parse("Qualifier=%zz")).isInstanceOf(HearthException.class)
                .hasMessageContaining("Malformed query string");
    }
}
