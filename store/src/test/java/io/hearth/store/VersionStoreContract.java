package io.hearth.store;

import static io.hearth.store.Fixtures.alias;
import static io.hearth.store.Fixtures.bareVersion;
import static io.hearth.store.Fixtures.function;
import static io.hearth.store.Fixtures.sha;
import static io.hearth.store.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The published-version part of {@link FunctionStore} in {@link StoreContract}, and how deleting a function
 * takes its versions and aliases with it.
 */
interface VersionStoreContract {

    Store store();

    private FunctionStore functions() {
        return store().functions();
    }

    /** Asserts that {@code call} throws a HearthException of {@code code} saying {@code message}. */
    static void assertRefused(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    @Test
    default void publishThenVersionRoundTripsEveryField() {
        functions().create(function("fn", "rev-1", 1));
        FunctionVersion full = version("fn", 1);
        FunctionVersion bare = bareVersion("fn", 2);
        functions().publish(full);
        functions().publish(bare);

        assertThat(functions().version("fn", "1")).contains(full);
        assertThat(functions().version("fn", "2")).contains(bare);
        assertThat(full.config().role()).isNotNull();
        assertThat(functions().get("fn")).contains(function("fn", "rev-1", 1));
    }

    @Test
    default void versionsAreListedInNumericOrderNotTextOrder() {
        functions().create(function("fn", "r", 1));
        functions().create(function("fn2", "r", 1));
        List<Integer> numbers = new ArrayList<>(IntStream.rangeClosed(1, 12).boxed().toList());
        Collections.shuffle(numbers, new Random(4));
        numbers.forEach(n -> functions().publish(version("fn", n)));
        functions().publish(version("fn2", 100));

        assertThat(functions().versions("fn")).extracting(FunctionVersion::version)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        assertThat(functions().versions("fn")).element(9).isEqualTo(version("fn", 10));
        assertThat(functions().versions("fn2")).containsExactly(version("fn2", 100));
        assertThat(functions().versions("f")).isEmpty();
        assertThat(functions().lastVersionNumber("fn")).isEqualTo(12);
    }

    @Test
    default void publishingANumberTwiceConflictsAndKeepsTheFirst() {
        functions().create(function("fn", "r", 1));
        functions().publish(version("fn", 3));
        FunctionVersion other = new FunctionVersion("fn", "3", version("fn", 4).config(), version("fn", 4).code(),
                "other", version("fn", 4).lastModified());

        assertRefused(() -> functions().publish(other), ErrorCode.RESOURCE_CONFLICT, "Version already exists: fn:3");
        assertThat(functions().versions("fn")).containsExactly(version("fn", 3));
    }

    @Test
    default void publishingForAnUnknownFunctionIsNotFoundAndStoresNothing() {
        assertRefused(() -> functions().publish(version("ghost", 1)), ErrorCode.RESOURCE_NOT_FOUND,
                "Function not found: ghost");

        functions().create(function("ghost", "r", 1));
        assertThat(functions().versions("ghost")).isEmpty();
        assertThat(functions().lastVersionNumber("ghost")).isZero();
    }

    @Test
    default void publishRefusesWhatIsNotAVersionNumber() {
        functions().create(function("fn", "r", 1));
        FunctionVersion v = version("fn", 1);
        for (String bad : List.of(FunctionVersion.LATEST, "0", "01", "-1", "1.0", "abc", " 1", "", "12345678901")) {
            FunctionVersion numbered = new FunctionVersion("fn", bad, v.config(), v.code(), v.revisionId(),
                    v.lastModified());
            assertThatThrownBy(() -> functions().publish(numbered)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> functions().publish(null)).isInstanceOf(NullPointerException.class);
        assertThat(functions().versions("fn")).isEmpty();
        FunctionVersion highest = new FunctionVersion("fn", "9999999999", v.config(), v.code(), v.revisionId(),
                v.lastModified());
        functions().publish(highest);
        assertThat(functions().lastVersionNumber("fn")).isEqualTo(9_999_999_999L);
    }

    @Test
    default void aVersionKeepsTheSettingsItWasPublishedWith() {
        functions().create(function("fn", "r", 1));
        functions().publish(version("fn", 1), java.util.Map.of("hearth:idempotent", "true"));
        functions().publish(version("fn", 2));
        assertThat(functions().versionSettings("fn")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "1", java.util.Map.of("hearth:idempotent", "true"), "2", java.util.Map.of()));
        assertThat(functions().versionSettings("other")).isEmpty();
    }

    @Test
    default void aDeletedHighestVersionKeepsItsNumberTaken() {
        functions().create(function("fn", "r", 1));
        functions().publish(version("fn", 1));
        functions().publish(version("fn", 2));
        assertThat(functions().deleteVersion("fn", "2")).isTrue();
        assertThat(functions().lastVersionNumber("fn")).isEqualTo(2);
        functions().publish(version("fn", 3));
        assertThat(functions().lastVersionNumber("fn")).isEqualTo(3);
    }

    @Test
    default void versionLookupsOfWhatIsNotStoredAreEmpty() {
        functions().create(function("fn", "r", 1));
        functions().publish(version("fn", 1));

        assertThat(functions().version("fn", "2")).isEmpty();
        assertThat(functions().version("fn", "01")).isEmpty();
        assertThat(functions().version("fn", FunctionVersion.LATEST)).isEmpty();
        assertThat(functions().version("other", "1")).isEmpty();
        assertThat(functions().versions("other")).isEmpty();
        assertThat(functions().lastVersionNumber("other")).isZero();
        assertThatThrownBy(() -> functions().version("fn", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> functions().versions(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    default void deleteVersionRemovesOnlyThatNumberOfThatFunction() {
        functions().create(function("fn", "r", 1));
        functions().create(function("fn2", "r", 1));
        IntStream.rangeClosed(1, 3).forEach(n -> functions().publish(version("fn", n)));
        functions().publish(version("fn2", 2));

        assertThat(functions().deleteVersion("fn", "2")).isTrue();
        assertThat(functions().deleteVersion("fn", "2")).isFalse();
        assertThat(functions().deleteVersion("fn", "9")).isFalse();
        assertThat(functions().deleteVersion("fn", "abc")).isFalse();
        assertThat(functions().deleteVersion("nope", "1")).isFalse();

        assertThat(functions().versions("fn")).containsExactly(version("fn", 1), version("fn", 3));
        assertThat(functions().version("fn2", "2")).contains(version("fn2", 2));
        assertThat(functions().lastVersionNumber("fn")).isEqualTo(3);
        assertThat(functions().deleteVersion("fn", "3")).isTrue();
        assertThat(functions().lastVersionNumber("fn")).isEqualTo(3);   // numbers are never reused
    }

    @Test
    default void deletingAFunctionDeletesItsVersionsAndAliasesOnly() {
        functions().create(function("fn", "r", 1));
        functions().create(function("kept", "r", 1));
        functions().publish(version("fn", 1));
        functions().publish(version("fn", 2));
        functions().publish(version("kept", 1));
        store().aliases().create(alias("fn", "live", "2"));
        store().aliases().create(alias("kept", "live", "1"));

        assertThat(functions().delete("fn")).isTrue();

        assertThat(functions().versions("fn")).isEmpty();
        assertThat(functions().lastVersionNumber("fn")).isZero();
        assertThat(store().aliases().list("fn")).isEmpty();
        assertThat(functions().versions("kept")).containsExactly(version("kept", 1));
        assertThat(store().aliases().list("kept")).containsExactly(alias("kept", "live", "1"));

        functions().create(function("fn", "r2", 2));
        assertThat(functions().versions("fn")).isEmpty();
        functions().publish(version("fn", 1));
        store().aliases().create(alias("fn", "live", "1"));
        assertThat(store().aliases().get("fn", "live")).contains(alias("fn", "live", "1"));
    }

    @Test
    default void referencedCodeIncludesTheCodeOfPublishedVersions() {
        functions().create(function("fn", "r", 1));
        functions().publish(version("fn", 1));
        functions().publish(version("fn", 2));

        assertThat(functions().referencedCode()).containsExactlyInAnyOrder(sha(1), sha(101), sha(102));

        functions().deleteVersion("fn", "1");
        assertThat(functions().referencedCode()).containsExactlyInAnyOrder(sha(1), sha(102));
        functions().delete("fn");
        assertThat(functions().referencedCode()).isEmpty();
    }

    @Test
    default void concurrentPublishersOfOneNumberHaveExactlyOneWinner() throws Exception {
        functions().create(function("fn", "r", 1));
        AtomicInteger conflicts = new AtomicInteger();
        Concurrently.run(8, thread -> {
            FunctionConfig config = new FunctionConfig(Runtime.PYTHON_3_12, "app.handler", 3, 128, Map.of(),
                    "by " + thread);
            try {
                functions().publish(new FunctionVersion("fn", "1", config, version("fn", 1).code(), "r" + thread,
                        Fixtures.T0));
            } catch (HearthException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_CONFLICT);
                conflicts.incrementAndGet();
            }
        });

        assertThat(conflicts).hasValue(7);
        assertThat(functions().versions("fn")).hasSize(1);
    }
}
