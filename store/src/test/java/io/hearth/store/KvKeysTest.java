package io.hearth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.HearthException;

import org.junit.jupiter.api.Test;

/** {@link KvKeys}: the end of a prefix's key range, and the byte bound on namespace plus key. */
class KvKeysTest {
    private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

    @Test
    void theEndOfAPrefixIncrementsItsLastCodePoint() {
        assertThat(KvKeys.prefixEnd("a")).isEqualTo("b");
        assertThat(KvKeys.prefixEnd("users/")).isEqualTo("users0");
        assertThat(KvKeys.prefixEnd("\u00ff")).isEqualTo("\u0100");
        assertThat(KvKeys.prefixEnd("\uFFFF")).isEqualTo("\uD800\uDC00");
        assertThat(KvKeys.prefixEnd("x\uD83D\uDE00")).isEqualTo("x\uD83D\uDE01");
    }

    @Test
    void theEndOfAPrefixSkipsTheSurrogateBlockAndTrailingMaximumCodePoints() {
        assertThat(KvKeys.prefixEnd("\uD7FF")).isEqualTo("\uE000");
        assertThat(KvKeys.prefixEnd("ab" + MAX)).isEqualTo("ac");
        assertThat(KvKeys.prefixEnd("a" + MAX + MAX)).isEqualTo("b");
    }

    @Test
    void aPrefixWithNoEndIsUnbounded() {
        assertThat(KvKeys.prefixEnd("")).isNull();
        assertThat(KvKeys.prefixEnd(MAX + MAX)).isNull();
    }

    @Test
    void charactersAreCountedAsCodePointsAndBytesAsUtf8() {
        String emojiKey = "\uD83D\uDE00".repeat(384);
        KvKeys.requireValid("n".repeat(256), "k".repeat(1024));
        KvKeys.requireValid("\uD83D\uDE00".repeat(256), emojiKey);
        KvKeys.requireValid("a", "\uD83D\uDE00".repeat(639));

        assertThatThrownBy(() -> KvKeys.requireValid("\uD83D\uDE00".repeat(256), emojiKey + "\uD83D\uDE00"))
                .isInstanceOf(HearthException.class).hasMessageContaining("(it is 2564)");
        assertThatThrownBy(() -> KvKeys.requireValid("n", "\uD83D\uDE00".repeat(1025)))
                .isInstanceOf(HearthException.class).hasMessageContaining("less than or equal to 1024 (it is 1025)");
    }

    @Test
    void nullAndEmptyPrefixesMeanEveryKey() {
        assertThat(KvKeys.requirePrefix(null)).isEmpty();
        assertThat(KvKeys.requirePrefix("")).isEmpty();
        assertThat(KvKeys.requirePrefix("p")).isEqualTo("p");
        assertThatThrownBy(() -> KvKeys.requirePrefix("p".repeat(1025))).isInstanceOf(HearthException.class);
    }
}
