package io.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathTemplateTest {
    private final PathTemplate invoke = PathTemplate.of("/2015-03-31/functions/{name}/invocations");

    @Test
    void splitsOnSlashesIgnoringOneTrailingSlash() {
        assertThat(PathTemplate.split("/a/b/c")).containsExactly("a", "b", "c");
        assertThat(PathTemplate.split("/a/b/")).containsExactly("a", "b");
        assertThat(PathTemplate.split("/a//b")).containsExactly("a", "", "b");
        assertThat(PathTemplate.split("/")).containsExactly("");
        assertThat(PathTemplate.split("a/b")).isNull();
        assertThat(PathTemplate.split("")).isNull();
    }

    @Test
    void matchesLiteralsAndNonEmptyVariables() {
        assertThat(invoke.matches(PathTemplate.split("/2015-03-31/functions/f/invocations"))).isTrue();
        assertThat(invoke.matches(PathTemplate.split("/2015-03-31/functions/f/invocations/"))).isTrue();
        assertThat(invoke.matches(PathTemplate.split("/2015-03-31/functions//invocations"))).isFalse();
        assertThat(invoke.matches(PathTemplate.split("/2015-03-31/functions/f/invocation"))).isFalse();
        assertThat(invoke.matches(PathTemplate.split("/2015-03-31/functions/f"))).isFalse();
        assertThat(invoke.matches(PathTemplate.split("/2015-03-31/functions/f/invocations/x"))).isFalse();
    }

    @Test
    void variablesArePercentDecodedPerSegment() {
        String[] segments = PathTemplate.split("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012"
                + "%3Afunction%3Af%3A%24LATEST/invocations");

        assertThat(invoke.values(segments)[invoke.indexOf("name")])
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST");
    }

    @Test
    void unknownVariableNameIsAProgrammingError() {
        assertThatThrownBy(() -> invoke.indexOf("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.of("no/slash")).isInstanceOf(IllegalArgumentException.class);
    }
}
