package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.AliasRecord;
import io.hearth.model.CodeRef;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Runtime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which versions an UpdateAlias moves traffic to, and how many sandboxes each needs. */
class AliasMoveTest {
    private static FunctionVersion version(String label) {
        return new FunctionVersion("fn", label, new FunctionConfig(Runtime.PYTHON_3_12, "app.handler", 3, 128,
                Map.of(), ""), new CodeRef("a".repeat(64), 10), "rev-" + label, Instant.EPOCH);
    }

    private static AliasRecord alias(String primary, Map<String, Double> weights) {
        return new AliasRecord("fn", "live", primary, "", weights, "rev");
    }

    private static AliasMove move(AliasRecord from, AliasRecord to) {
        return AliasMove.of(from, to, AliasMoveTest::version, 0);
    }

    @Test
    void movingThePrimaryVersionGainsTheNewVersionAllTraffic() {
        var m = move(alias("1", Map.of()), alias("2", Map.of()));
        assertThat(m.gaining()).extracting(s -> s.version().version(), AliasMove.Share::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2", 1.0));
        assertThat(m.shareBefore(version("1").sandboxKey())).isEqualTo(1.0);
        assertThat(m.shareBefore(version("2").sandboxKey())).isZero();
    }

    @Test
    void raisingAnAdditionalWeightIsAMoveForThatVersionOnly() {
        var m = move(alias("1", Map.of("2", 0.1)), alias("1", Map.of("2", 0.5)));
        assertThat(m.gaining()).extracting(s -> s.version().version()).containsExactly("2");
        assertThat(m.gaining().getFirst().weight()).isEqualTo(0.5);
    }

    @Test
    void loweringAWeightOrChangingNothingMovesNothing() {
        assertThat(move(alias("1", Map.of("2", 0.5)), alias("1", Map.of("2", 0.1))).gaining())
                .extracting(s -> s.version().version()).containsExactly("1");   // the primary gains
        assertThat(move(alias("1", Map.of("2", 0.3)), alias("1", Map.of("2", 0.3))).gaining()).isEmpty();
        assertThat(move(alias("1", Map.of("2", 0.3)), alias("1", Map.of())).gaining())
                .extracting(s -> s.version().version()).containsExactly("1");
    }

    @Test
    void swappingPrimaryAndAdditionalGainsTheOneWhoseShareGrows() {
        var m = move(alias("1", Map.of("2", 0.2)), alias("2", Map.of("1", 0.2)));
        assertThat(m.gaining()).extracting(s -> s.version().version()).containsExactly("2");
        assertThat(m.gaining().getFirst().weight()).isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void provisionedSandboxesCountForThePrimaryVersionOnly() {
        var m = AliasMove.of(alias("1", Map.of()), alias("2", Map.of("3", 0.2)), AliasMoveTest::version, 2);
        assertThat(m.provisionedFor(version("2").sandboxKey())).isEqualTo(2);
        assertThat(m.provisionedFor(version("3").sandboxKey())).isZero();
        assertThat(m.provisionedFor(version("1").sandboxKey())).isZero();
    }

    @Test
    void aGainingVersionWarmsAsManyAsTheAliasHadAtLeastOneLessWhatItHas() {
        assertThat(AliasMove.toWarm(3, 0)).isEqualTo(3);
        assertThat(AliasMove.toWarm(0, 0)).isEqualTo(1);
        assertThat(AliasMove.toWarm(4, 1)).isEqualTo(3);
        assertThat(AliasMove.toWarm(3, 3)).isZero();
        assertThat(AliasMove.toWarm(3, 5)).isNegative();
    }
}
