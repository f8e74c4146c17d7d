package io.hearth.store;

import static io.hearth.store.Fixtures.alias;
import static io.hearth.store.Fixtures.function;
import static io.hearth.store.Fixtures.version;
import static io.hearth.store.VersionStoreContract.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The {@link ConcurrencyStore} part of {@link StoreContract}, and how deleting a function takes its reservation. */
interface ConcurrencyStoreContract {

    Store store();

    private ConcurrencyStore concurrency() {
        return store().concurrency();
    }

    private void createFunctions(String... names) {
        for (String n : names) store().functions().create(function(n, "r", 1));
    }

    @Test
    default void reservationPutThenGetRoundTripsAndAPutReplacesIt() {
        createFunctions("fn", "other");

        concurrency().put("fn", 50);
        assertThat(concurrency().get("fn")).isEqualTo(OptionalInt.of(50));
        concurrency().put("fn", 7);
        assertThat(concurrency().get("fn")).isEqualTo(OptionalInt.of(7));
        concurrency().put("fn", Integer.MAX_VALUE);
        assertThat(concurrency().get("fn")).isEqualTo(OptionalInt.of(Integer.MAX_VALUE));

        assertThat(concurrency().get("other")).isEmpty();
        assertThat(concurrency().get("ghost")).isEmpty();
    }

    @Test
    default void aReservationOfZeroIsKeptApartFromNone() {
        createFunctions("throttled");

        concurrency().put("throttled", 0);

        assertThat(concurrency().get("throttled")).isEqualTo(OptionalInt.of(0));
        assertThat(concurrency().all()).containsExactly(Map.entry("throttled", 0));
    }

    @Test
    default void reservingForAnUnknownFunctionIsNotFoundAndStoresNothing() {
        assertRefused(() -> concurrency().put("ghost", 5), ErrorCode.RESOURCE_NOT_FOUND, "Function not found: ghost");

        createFunctions("ghost");
        assertThat(concurrency().get("ghost")).isEmpty();
        assertThat(concurrency().all()).isEmpty();
    }

    @Test
    default void aNegativeReservationIsRefusedAndKeepsTheStoredOne() {
        createFunctions("fn");
        concurrency().put("fn", 3);

        assertThatThrownBy(() -> concurrency().put("fn", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> concurrency().put("ghost", Integer.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(concurrency().get("fn")).isEqualTo(OptionalInt.of(3));
    }

    @Test
    default void reservationDeleteRemovesOnlyThatFunctionsReservation() {
        createFunctions("fn", "kept");
        concurrency().put("fn", 10);
        concurrency().put("kept", 20);

        assertThat(concurrency().delete("fn")).isTrue();
        assertThat(concurrency().delete("fn")).isFalse();
        assertThat(concurrency().delete("ghost")).isFalse();

        assertThat(concurrency().get("fn")).isEmpty();
        assertThat(concurrency().get("kept")).isEqualTo(OptionalInt.of(20));
        assertThat(store().functions().get("fn")).isPresent();
    }

    @Test
    default void allListsEveryReservationByNameInCodePointOrder() {
        createFunctions("b", "A", "a_1", "Z-9", "_x", "-y", "none");
        Map.of("b", 1, "A", 2, "a_1", 3, "Z-9", 0, "_x", 5, "-y", 6).forEach(concurrency()::put);

        assertThat(concurrency().all()).containsExactly(Map.entry("-y", 6), Map.entry("A", 2), Map.entry("Z-9", 0),
                Map.entry("_x", 5), Map.entry("a_1", 3), Map.entry("b", 1));
        assertThatThrownBy(() -> concurrency().all().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    default void deletingAFunctionDeletesItsReservationAndARecreatedFunctionHasNone() {
        createFunctions("fn", "kept");
        store().functions().publish(version("fn", 1));
        store().aliases().create(alias("fn", "live", "1"));
        concurrency().put("fn", 10);
        concurrency().put("kept", 20);

        assertThat(store().functions().delete("fn")).isTrue();

        assertThat(concurrency().get("fn")).isEmpty();
        assertThat(concurrency().all()).containsExactly(Map.entry("kept", 20));
        createFunctions("fn");
        assertThat(concurrency().get("fn")).isEmpty();
        assertThat(concurrency().delete("fn")).isFalse();
        concurrency().put("fn", 4);
        assertThat(concurrency().get("fn")).isEqualTo(OptionalInt.of(4));
    }

    @Test
    default void reservationNullArgumentsAreRefused() {
        assertThatThrownBy(() -> concurrency().get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> concurrency().put(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> concurrency().delete(null)).isInstanceOf(NullPointerException.class);
    }
}
