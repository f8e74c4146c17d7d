package io.hearth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;

/**
 * Compares lists of records that hold a byte[]: every other field by value, the bytes by content (a
 * record's own equals compares an array by identity).
 */
final class SameFields {
    private SameFields() {}

    /** {@code actual} equals {@code expected} in order, field by field; {@code bytesField} names the array field. */
    static <T> void assertSameList(List<T> actual, List<T> expected, String bytesField, Function<T, byte[]> bytes,
                                   Function<T, String> name) {
        assertThat(actual).usingRecursiveFieldByFieldElementComparatorIgnoringFields(bytesField)
                .containsExactlyElementsOf(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(bytes.apply(actual.get(i))).as(bytesField + " of " + name.apply(expected.get(i)))
                    .isEqualTo(bytes.apply(expected.get(i)));
        }
    }
}
