package io.hearth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionRefTest {

    @Test
    void anAliasIsAQualifierThatIsNeitherLatestNorAVersionNumber() {
        assertThat(FunctionRef.parse("fn:live", null).alias()).isEqualTo("live");
        assertThat(FunctionRef.parse("fn", "v2-beta").alias()).isEqualTo("v2-beta");
        assertThat(FunctionRef.parse("fn:7", null).alias()).isNull();
        assertThat(FunctionRef.parse("fn", "$LATEST").alias()).isNull();
        assertThat(FunctionRef.parse("fn", null).alias()).isNull();
        assertThat(FunctionRef.isAlias(null)).isFalse();
    }

    @Test
    void everyAcceptedForm() {
        assertThat(FunctionRef.parse("fn", null)).isEqualTo(new FunctionRef("fn", Optional.empty()));
        assertThat(FunctionRef.parse("fn:prod", null)).isEqualTo(new FunctionRef("fn", Optional.of("prod")));
        assertThat(FunctionRef.parse("fn", "$LATEST").qualifierOrLatest()).isEqualTo("$LATEST");
        assertThat(FunctionRef.parse("123456789012:function:fn", null).name()).isEqualTo("fn");
        assertThat(FunctionRef.parse("123456789012:function:fn:7", null).qualifier()).hasValue("7");
        assertThat(FunctionRef.parse("arn:aws:lambda:us-east-1:123456789012:function:fn", null).name()).isEqualTo("fn");
        assertThat(FunctionRef.parse("arn:aws:lambda:us-east-1:123456789012:function:fn:live", "live").qualifier())
                .hasValue("live");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad name", "a:b:c", "arn:aws:s3:us-east-1:123456789012:function:fn",
            "arn:aws:lambda:us-east-1:12:function:fn", "12345:function:fn", "fn:", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void malformedNamesAreInvalidParameterValues(String raw) {
        assertThatThrownBy(() -> FunctionRef.parse(raw, null)).isInstanceOfSatisfying(HearthException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void conflictingQualifiersAreRefused() {
        assertThatThrownBy(() -> FunctionRef.parse("fn:a", "b")).hasMessageContaining("does not match");
    }
}
