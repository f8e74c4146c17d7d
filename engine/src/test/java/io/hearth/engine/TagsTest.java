package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.sandbox.isolation.NetworkAccess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hearth's network setting given as a tag: {@code hearth:network=none|outbound}, refused otherwise. */
class TagsTest {

    @Test
    void hearthNetworkIsNoneOrOutboundAndNoneWhenAbsent() {
        assertThat(Tags.network(Map.of())).isEqualTo(NetworkAccess.NONE);
        assertThat(Tags.network(Map.of("hearth:network", "none"))).isEqualTo(NetworkAccess.NONE);
        assertThat(Tags.network(Map.of("hearth:network", "outbound"))).isEqualTo(NetworkAccess.OUTBOUND);
        assertThat(Tags.network(Map.of("hearth:network", "OUTBOUND"))).isEqualTo(NetworkAccess.OUTBOUND);
        Tags.validate(Map.of("hearth:network", "outbound", "team", "core"));
    }

    @Test
    void aBadNetworkValueIsAnInvalidParameterNamingTheTagAndTheChoices() {
        assertThatThrownBy(() -> Tags.validate(Map.of("hearth:network", "wide-open")))
                .isInstanceOfSatisfying(HearthException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage("Tag hearth:network must be none or outbound, got 'wide-open'");
        assertThatThrownBy(() -> Tags.merge(Map.of("hearth:network", "outbound"), Map.of("hearth:network", "")))
                .isInstanceOf(HearthException.class).hasMessageContaining("hearth:network");
    }

    @Test
    void aBadStoredValueLaunchesWithoutNetwork() {
        assertThat(Tags.networkOf("fn", Map.of("hearth:network", "wide-open"))).isEqualTo(NetworkAccess.NONE);
        assertThat(Tags.networkOf("fn", Map.of("hearth:network", "outbound"))).isEqualTo(NetworkAccess.OUTBOUND);
    }
}
