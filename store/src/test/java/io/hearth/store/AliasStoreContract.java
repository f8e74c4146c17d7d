package io.hearth.store;

import static io.hearth.store.Fixtures.alias;
import static io.hearth.store.Fixtures.function;
import static io.hearth.store.Fixtures.routed;
import static io.hearth.store.VersionStoreContract.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.AliasRecord;
import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionVersion;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@link AliasStore} part of {@link StoreContract}. */
interface AliasStoreContract {

    Store store();

    private AliasStore aliases() {
        return store().aliases();
    }

    private void createFunctions(String... names) {
        for (String n : names) store().functions().create(function(n, "r", 1));
    }

    @Test
    default void aliasCreateThenGetRoundTripsEveryField() {
        createFunctions("fn");
        AliasRecord weighted = routed("fn", "canary", "1", "2", 1.0 / 3);
        AliasRecord bare = new AliasRecord("fn", "bare", FunctionVersion.LATEST, null, null, "r");
        AliasRecord whole = routed("fn", "whole", "3", "4", 1.0);
        aliases().create(weighted);
        aliases().create(bare);
        aliases().create(whole);

        assertThat(aliases().get("fn", "canary")).contains(weighted);
        assertThat(aliases().get("fn", "canary").orElseThrow().additionalVersionWeights())
                .containsExactly(Map.entry("2", 1.0 / 3));
        assertThat(aliases().get("fn", "bare")).contains(bare);
        assertThat(aliases().get("fn", "whole")).contains(whole);
    }

    @Test
    default void aliasLookupsOfWhatIsNotStoredAreEmpty() {
        createFunctions("fn", "other");
        aliases().create(alias("fn", "live", "1"));

        assertThat(aliases().get("fn", "LIVE")).isEmpty();
        assertThat(aliases().get("other", "live")).isEmpty();
        assertThat(aliases().get("ghost", "live")).isEmpty();
        assertThat(aliases().list("other")).isEmpty();
        assertThat(aliases().list("ghost")).isEmpty();
        assertThat(aliases().pointingAt("ghost", "1")).isEmpty();
    }

    @Test
    default void creatingAnExistingAliasConflictsAndKeepsTheStoredOne() {
        createFunctions("fn", "other");
        aliases().create(alias("fn", "live", "1"));

        assertRefused(() -> aliases().create(alias("fn", "live", "2")), ErrorCode.RESOURCE_CONFLICT,
                "Alias already exists: fn:live");
        assertThat(aliases().get("fn", "live")).contains(alias("fn", "live", "1"));

        aliases().create(alias("other", "live", "2"));
        assertThat(aliases().get("other", "live")).contains(alias("other", "live", "2"));
    }

    @Test
    default void creatingAnAliasOfAnUnknownFunctionIsNotFoundAndStoresNothing() {
        assertRefused(() -> aliases().create(alias("ghost", "live", "1")), ErrorCode.RESOURCE_NOT_FOUND,
                "Function not found: ghost");

        createFunctions("ghost");
        assertThat(aliases().list("ghost")).isEmpty();
    }

    @Test
    default void aliasesAreListedByNameInCodePointOrder() {
        createFunctions("fn", "fn2");
        List<String> names = List.of("b", "A", "a_1", "Z-9", "a", "_x", "-y");
        names.forEach(n -> aliases().create(alias("fn", n, "1")));
        aliases().create(alias("fn2", "c", "1"));

        assertThat(aliases().list("fn")).extracting(AliasRecord::name)
                .containsExactly("-y", "A", "Z-9", "_x", "a", "a_1", "b");
        assertThat(aliases().list("fn2")).containsExactly(alias("fn2", "c", "1"));
    }

    @Test
    default void aliasReplaceSucceedsOnlyAgainstTheCurrentRevision() {
        createFunctions("fn");
        AliasRecord first = alias("fn", "live", "1");
        aliases().create(first);
        AliasRecord second = new AliasRecord("fn", "live", "2", "moved", Map.of("1", 0.25), "rev-2");

        assertThat(aliases().replace(second, first.revisionId())).isTrue();
        assertThat(aliases().get("fn", "live")).contains(second);

        AliasRecord stale = new AliasRecord("fn", "live", "3", "stale", null, "rev-3");
        assertThat(aliases().replace(stale, first.revisionId())).isFalse();
        assertThat(aliases().get("fn", "live")).contains(second);

        AliasRecord cleared = new AliasRecord("fn", "live", "2", "", Map.of(), "rev-4");
        assertThat(aliases().replace(cleared, "rev-2")).isTrue();
        assertThat(aliases().get("fn", "live")).contains(cleared);
    }

    @Test
    default void aliasReplaceOfAMissingAliasIsFalseAndCreatesNothing() {
        createFunctions("fn");

        assertThat(aliases().replace(alias("fn", "ghost", "1"), "any")).isFalse();
        assertThat(aliases().replace(alias("nofn", "ghost", "1"), "any")).isFalse();
        assertThat(aliases().list("fn")).isEmpty();
        assertThatThrownBy(() -> aliases().replace(alias("fn", "ghost", "1"), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    default void aliasDeleteRemovesOnlyThatAlias() {
        createFunctions("fn", "fn2");
        aliases().create(alias("fn", "live", "1"));
        aliases().create(alias("fn", "test", "1"));
        aliases().create(alias("fn2", "live", "1"));

        assertThat(aliases().delete("fn", "live")).isTrue();
        assertThat(aliases().delete("fn", "live")).isFalse();
        assertThat(aliases().delete("ghost", "live")).isFalse();

        assertThat(aliases().list("fn")).containsExactly(alias("fn", "test", "1"));
        assertThat(aliases().get("fn2", "live")).contains(alias("fn2", "live", "1"));
    }

    @Test
    default void pointingAtFindsAliasesRoutingToTheVersionAsPrimaryOrAdditional() {
        createFunctions("fn", "fn2");
        aliases().create(alias("fn", "prod", "2"));
        aliases().create(routed("fn", "canary", "1", "2", 0.1));
        aliases().create(routed("fn", "next", "3", "1", 0.5));
        aliases().create(alias("fn", "latest", FunctionVersion.LATEST));
        aliases().create(alias("fn2", "prod", "2"));

        assertThat(aliases().pointingAt("fn", "2")).extracting(AliasRecord::name).containsExactly("canary", "prod");
        assertThat(aliases().pointingAt("fn", "1")).extracting(AliasRecord::name).containsExactly("canary", "next");
        assertThat(aliases().pointingAt("fn", "3")).containsExactly(routed("fn", "next", "3", "1", 0.5));
        assertThat(aliases().pointingAt("fn", "4")).isEmpty();
        assertThat(aliases().pointingAt("fn", "02")).isEmpty();
        assertThat(aliases().pointingAt("fn2", "2")).containsExactly(alias("fn2", "prod", "2"));
    }

    @Test
    default void aliasNullArgumentsAreRefused() {
        assertThatThrownBy(() -> aliases().create(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> aliases().get("fn", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> aliases().list(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> aliases().delete(null, "a")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> aliases().pointingAt("fn", null)).isInstanceOf(NullPointerException.class);
    }
}
