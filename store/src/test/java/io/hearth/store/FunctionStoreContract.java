package io.hearth.store;

import static io.hearth.store.Fixtures.bareFunction;
import static io.hearth.store.Fixtures.function;
import static io.hearth.store.Fixtures.sha;
import static io.hearth.store.Fixtures.withDescription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionRecord;
import io.hearth.model.HearthException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The {@link FunctionStore} part of {@link StoreContract}. */
interface FunctionStoreContract {

    Store store();

    private FunctionStore functions() {
        return store().functions();
    }

    @Test
    default void createThenGetRoundTripsEveryField() {
        FunctionRecord full = function("full", "rev-1", 1);
        FunctionRecord bare = bareFunction("bare");
        functions().create(full);
        functions().create(bare);

        assertThat(functions().get("full")).contains(full);
        assertThat(functions().get("bare")).contains(bare);
    }

    @Test
    default void getOfUnknownNameIsEmpty() {
        assertThat(functions().get("nope")).isEmpty();
    }

    @Test
    default void createOfExistingNameConflictsAndKeepsTheStoredOne() {
        FunctionRecord first = function("dup", "rev-1", 1);
        functions().create(first);

        assertThatThrownBy(() -> functions().create(function("dup", "rev-2", 2)))
                .isInstanceOfSatisfying(HearthException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT))
                .hasMessage("Function already exist: dup");
        assertThat(functions().get("dup")).contains(first);
        assertThat(functions().count()).isEqualTo(1);
    }

    @Test
    default void listPagesByCodePointOrderOfNames() {
        List<String> names = List.of("b-1", "A", "a", "_x", "-y", "Z9", "0", "aa", "B");
        names.forEach(n -> functions().create(function(n, "r", 1)));

        List<String> paged = new ArrayList<>();
        String after = null;
        for (List<FunctionRecord> page = functions().list(null, 2); !page.isEmpty();
             page = functions().list(after, 2)) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            page.forEach(f -> paged.add(f.name()));
            after = page.getLast().name();
        }

        assertThat(paged).containsExactlyElementsOf(names.stream().sorted().toList());
        assertThat(paged).startsWith("-y", "0", "A", "B", "Z9", "_x", "a");
        assertThat(functions().list("AZ", 100)).extracting(FunctionRecord::name)
                .containsExactly("B", "Z9", "_x", "a", "aa", "b-1");
        assertThat(functions().list(null, 100).getFirst()).isEqualTo(function("-y", "r", 1));
    }

    @Test
    default void listRefusesNegativeLimitAndAnswersZeroWithNothing() {
        functions().create(function("f", "r", 1));

        assertThat(functions().list(null, 0)).isEmpty();
        assertThat(functions().list("zzz", 10)).isEmpty();
        assertThatThrownBy(() -> functions().list(null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void replaceSucceedsOnlyAgainstTheCurrentRevision() {
        FunctionRecord v1 = function("cas", "rev-1", 1);
        functions().create(v1);
        FunctionRecord v2 = withDescription(v1, "second", "rev-2").withTags(java.util.Map.of("k", "v"));

        assertThat(functions().replace(v2, "rev-1")).isTrue();
        assertThat(functions().get("cas")).contains(v2);

        FunctionRecord stale = withDescription(v1, "stale write", "rev-3");
        assertThat(functions().replace(stale, "rev-1")).isFalse();
        assertThat(functions().get("cas")).contains(v2);
    }

    @Test
    default void replaceOfMissingFunctionIsFalseAndCreatesNothing() {
        assertThat(functions().replace(function("ghost", "rev-2", 1), "rev-1")).isFalse();
        assertThat(functions().get("ghost")).isEmpty();
        assertThat(functions().count()).isZero();
    }

    @Test
    default void deleteRemovesOnlyThatFunctionAndCountFollows() {
        Stream.of("one", "two", "three").forEach(n -> functions().create(function(n, "r", 1)));
        assertThat(functions().count()).isEqualTo(3);

        assertThat(functions().delete("two")).isTrue();
        assertThat(functions().delete("two")).isFalse();
        assertThat(functions().delete("never")).isFalse();

        assertThat(functions().count()).isEqualTo(2);
        assertThat(functions().get("two")).isEmpty();
        assertThat(functions().list(null, 10)).extracting(FunctionRecord::name).containsExactly("one", "three");
    }

    @Test
    default void referencedCodeIsTheDistinctShasStillInUse() {
        assertThat(functions().referencedCode()).isEmpty();
        functions().create(function("a", "r", 1));
        functions().create(function("b", "r", 1));
        functions().create(function("c", "r", 2));

        assertThat(functions().referencedCode()).containsExactlyInAnyOrder(sha(1), sha(2));

        functions().delete("c");
        assertThat(functions().referencedCode()).containsExactly(sha(1));
    }

    @Test
    default void nullArgumentsAreRefused() {
        assertThatThrownBy(() -> functions().create(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> functions().get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> functions().replace(function("f", "r", 1), null))
                .isInstanceOf(NullPointerException.class);
    }
}
