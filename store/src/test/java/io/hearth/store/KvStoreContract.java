package io.hearth.store;

import static io.hearth.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.model.KvEntry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The {@link KvStore} part of {@link StoreContract}. Entries are compared field by field, values by
 * content (a record holding a byte[] compares it by identity).
 */
interface KvStoreContract {

    Store store();

    ManualClock clock();

    private KvStore kv() {
        return store().kv();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void assertEntry(KvEntry actual, String ns, String key, byte[] value, long version) {
        assertThat(actual.namespace()).isEqualTo(ns);
        assertThat(actual.key()).isEqualTo(key);
        assertThat(actual.value()).as("value of " + key).isEqualTo(value);
        assertThat(actual.version()).as("version of " + key).isEqualTo(version);
    }

    private List<String> keys(String ns, String prefix, String afterKey, int limit) {
        return kv().list(ns, prefix, afterKey, limit).stream().map(KvEntry::key).toList();
    }

    @Test
    default void kvPutThenGetRoundTripsEveryField() {
        byte[] big = new byte[KvEntry.MAX_VALUE_BYTES];
        new Random(11).nextBytes(big);

        assertThat(kv().put("ns", "big", big)).isEqualTo(1);
        assertThat(kv().put("ns", "empty", new byte[0])).isEqualTo(1);
        assertThat(kv().put("ns", "k\u00e9y \u2603 \"'\\", utf8("v"))).isEqualTo(1);

        KvEntry got = kv().get("ns", "big").orElseThrow();
        assertEntry(got, "ns", "big", big, 1);
        assertThat(got.updatedAt()).isEqualTo(T0);
        assertThat(got.deleted()).isFalse();
        KvEntry empty = kv().get("ns", "empty").orElseThrow();
        assertEntry(empty, "ns", "empty", new byte[0], 1);
        assertThat(empty.deleted()).as("an empty value is not a tombstone").isFalse();
        assertEntry(kv().get("ns", "k\u00e9y \u2603 \"'\\").orElseThrow(), "ns", "k\u00e9y \u2603 \"'\\", utf8("v"), 1);
        assertThat(kv().get("other-ns", "big")).isEmpty();
        assertThat(kv().get("ns", "never")).isEmpty();
    }

    @Test
    default void versionsCountPutsAndDeletesAndUpdatedAtFollowsTheClock() {
        assertThat(kv().version("ns", "k")).isZero();
        assertThat(kv().put("ns", "k", utf8("one"))).isEqualTo(1);
        clock().advance(Duration.ofSeconds(5));
        assertThat(kv().put("ns", "k", utf8("two"))).isEqualTo(2);
        assertThat(kv().get("ns", "k").orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(5));

        assertThat(kv().delete("ns", "k")).isEqualTo(3);
        assertThat(kv().version("ns", "k")).isEqualTo(3);
        assertThat(kv().get("ns", "k")).isEmpty();
        assertThat(kv().delete("ns", "k")).as("deleting a tombstone writes nothing").isEqualTo(3);
        assertThat(kv().version("ns", "k")).isEqualTo(3);

        assertThat(kv().put("ns", "k", utf8("three"))).isEqualTo(4);
        assertEntry(kv().get("ns", "k").orElseThrow(), "ns", "k", utf8("three"), 4);
    }

    @Test
    default void deleteOfANeverWrittenKeyAnswersZeroAndWritesNothing() {
        assertThat(kv().delete("ns", "ghost")).isZero();
        assertThat(kv().version("ns", "ghost")).isZero();
        assertThat(kv().put("ns", "ghost", utf8("now"))).as("no tombstone was left behind").isEqualTo(1);
    }

    @Test
    default void tombstonesAreInvisibleToGetAndListButKeepTheirVersion() {
        kv().put("ns", "a", utf8("1"));
        kv().put("ns", "b", utf8("2"));
        kv().put("ns", "c", utf8("3"));
        kv().delete("ns", "b");

        assertThat(keys("ns", "", null, 10)).containsExactly("a", "c");
        assertThat(keys("ns", "b", null, 10)).isEmpty();
        assertThat(kv().get("ns", "b")).isEmpty();
        assertThat(kv().version("ns", "b")).isEqualTo(2);
    }

    @Test
    default void listOrdersByCodePointWithinOneNamespace() {
        List<String> codePointOrder = List.of("A", "a", "a/1", "a/10", "a/2", "ab", "b", "\u00e9",
                "\uFFFD", "\uD83D\uDE00");
        for (String k : List.of("b", "\uD83D\uDE00", "a/2", "A", "\u00e9", "a/10", "ab", "\uFFFD", "a", "a/1")) {
            kv().put("ns", k, utf8(k));
        }
        kv().put("ns2", "a/3", utf8("elsewhere"));

        assertThat(keys("ns", "", null, 100)).containsExactlyElementsOf(codePointOrder);
        assertThat(keys("ns", null, null, 100)).containsExactlyElementsOf(codePointOrder);
        kv().put("ns", "\uD83D\uDE00!", utf8("after"));
        List<KvEntry> entries = kv().list("ns", "\uD83D\uDE00", null, 10);
        assertThat(entries).hasSize(2);
        assertEntry(entries.getFirst(), "ns", "\uD83D\uDE00", utf8("\uD83D\uDE00"), 1);
        assertEntry(entries.getLast(), "ns", "\uD83D\uDE00!", utf8("after"), 1);
    }

    @Test
    default void listSelectsByPrefixAndPagesWithAfterKeyAndLimit() {
        for (String k : List.of("a", "a/1", "a/10", "a/2", "a0", "ab", "b", "a/")) kv().put("ns", k, utf8(k));
        kv().put("other", "a/3", utf8("x"));

        assertThat(keys("ns", "a/", null, 10)).containsExactly("a/", "a/1", "a/10", "a/2");
        assertThat(keys("ns", "a/", "a/1", 10)).containsExactly("a/10", "a/2");
        assertThat(keys("ns", "a/", "a/1", 1)).containsExactly("a/10");
        assertThat(keys("ns", "a/", "0", 10)).as("a cursor before the prefix").hasSize(4);
        assertThat(keys("ns", "a/", "b", 10)).as("a cursor after the prefix").isEmpty();
        assertThat(keys("ns", "a", null, 100)).containsExactly("a", "a/", "a/1", "a/10", "a/2", "a0", "ab");
        assertThat(keys("ns", "", "ab", 100)).containsExactly("b");
        assertThat(keys("ns", "zz", null, 10)).isEmpty();
        assertThat(keys("ns", "a/", null, 0)).isEmpty();
        assertThatThrownBy(() -> kv().list("ns", "a", null, -1)).isInstanceOf(IllegalArgumentException.class);

        List<String> paged = new ArrayList<>();
        String after = null;
        for (List<String> page; !(page = keys("ns", "", after, 3)).isEmpty(); after = page.getLast()) {
            assertThat(page.size()).isLessThanOrEqualTo(3);
            paged.addAll(page);
        }
        assertThat(paged).containsExactly("a", "a/", "a/1", "a/10", "a/2", "a0", "ab", "b");
    }

    @Test
    default void prefixesEndingAtTheEdgesOfUnicodeSelectExactlyTheirKeys() {
        String max = new String(Character.toChars(Character.MAX_CODE_POINT));
        for (String k : List.of("x" + max, "x" + max + "z", "y", "\uD7FF!", "\uE000", "\uD7FF")) {
            kv().put("ns", k, utf8("v"));
        }

        assertThat(keys("ns", "x" + max, null, 10)).containsExactly("x" + max, "x" + max + "z");
        assertThat(keys("ns", "x", null, 10)).containsExactly("x" + max, "x" + max + "z");
        assertThat(keys("ns", "\uD7FF", null, 10)).containsExactly("\uD7FF", "\uD7FF!");
        assertThat(keys("ns", max, null, 10)).isEmpty();
    }

    @Test
    default void aValueOverTheLimitIsRefusedAndNothingIsWritten() {
        byte[] tooBig = new byte[KvEntry.MAX_VALUE_BYTES + 1];

        assertThatThrownBy(() -> kv().put("ns", "huge", tooBig))
                .isInstanceOfSatisfying(HearthException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage("Value for key 'huge' is 409601 bytes; the limit is 409600");
        assertThat(kv().version("ns", "huge")).isZero();
        assertThatThrownBy(() -> kv().put("ns", "k", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    default void badNamespacesAndKeysAreRefusedByEveryMethod() {
        String lone = "bad\uD800";
        List<String> badNamespaces = Arrays.asList("", null, "n".repeat(257), "n\u0000s", lone, "\uDC00n");
        List<String> badKeys = Arrays.asList("", null, "k".repeat(1025), "k\u0000", lone, "\uDC00k");
        for (String ns : badNamespaces) {
            assertRefusedByEveryKeyMethod(ns, "k");
            assertInvalid(() -> kv().list(ns, "", null, 10));
        }
        for (String key : badKeys) {
            assertRefusedByEveryKeyMethod("n", key);
            if (key != null) assertInvalid(() -> kv().list("n", "", key, 10));
            if (key != null && !key.isEmpty()) assertInvalid(() -> kv().list("n", key, null, 10));
        }
        assertThat(kv().list("n", "", null, 10)).isEmpty();
        assertThat(kv().list("n".repeat(256), "", null, 10)).isEmpty();
    }

    @Test
    default void refusalsSayWhichFieldBrokeWhichRule() {
        assertThatThrownBy(() -> kv().put("", "k", utf8("v"))).hasMessage("1 validation error detected: Value ''"
                + " at 'namespace' failed to satisfy constraint: Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> kv().get("n", null)).hasMessage("1 validation error detected: Value null"
                + " at 'key' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> kv().version("n", "k".repeat(1025))).hasMessage("1 validation error detected:"
                + " Value at 'key' failed to satisfy constraint: Member must have length less than or equal to 1024"
                + " (it is 1025)");
        assertThatThrownBy(() -> kv().list("n", "p\u0000", null, 1)).hasMessage("1 validation error detected:"
                + " Value at 'prefix' failed to satisfy constraint: Member must be well-formed Unicode text without"
                + " NUL characters");
    }

    private void assertRefusedByEveryKeyMethod(String ns, String key) {
        assertInvalid(() -> kv().get(ns, key));
        assertInvalid(() -> kv().version(ns, key));
        assertInvalid(() -> kv().put(ns, key, utf8("v")));
        assertInvalid(() -> kv().delete(ns, key));
    }

    private static void assertInvalid(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(HearthException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageStartingWith("1 validation error detected: Value");
    }

    @Test
    default void keysAtTheLengthLimitsRoundTrip() {
        String ns = "n".repeat(256);
        String key = "k".repeat(1024);
        String twoByteNs = "\u00e9".repeat(256);
        String twoByteKey = "\u0436".repeat(1024);

        assertThat(kv().put(ns, key, utf8("v"))).isEqualTo(1);
        assertThat(kv().put(twoByteNs, twoByteKey, utf8("w"))).as("2 * (256 + 1024) = 2560 bytes").isEqualTo(1);
        assertEntry(kv().get(ns, key).orElseThrow(), ns, key, utf8("v"), 1);
        assertEntry(kv().get(twoByteNs, twoByteKey).orElseThrow(), twoByteNs, twoByteKey, utf8("w"), 1);
        assertThat(keys(ns, "k", null, 10)).containsExactly(key);
    }

    @Test
    default void keysBeyondTheIndexableSizeAreRefusedAndTheLargestAllowedIsStored() {
        Random random = new Random(5);
        StringBuilder fourByte = new StringBuilder();
        while (fourByte.length() < 2 * 639) fourByte.appendCodePoint(0x10000 + random.nextInt(0x100000));
        String key = fourByte.toString();

        assertThat(kv().put("nnnn", key, utf8("v"))).as("4 + 639 * 4 = 2560 bytes").isEqualTo(1);
        assertEntry(kv().get("nnnn", key).orElseThrow(), "nnnn", key, utf8("v"), 1);
        assertThat(keys("nnnn", key.substring(0, 100), null, 10)).containsExactly(key);
        assertThatThrownBy(() -> kv().put("nnnnn", key, utf8("v")))
                .isInstanceOfSatisfying(HearthException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage("1 validation error detected: Value at 'key' failed to satisfy constraint: Member must"
                        + " be at most 2560 bytes of UTF-8 together with its namespace (it is 2561)");
    }

    @Test
    default void sixteenThreadsPuttingOneKeyGetEveryVersionOnce() throws Exception {
        ConcurrentLinkedQueue<Long> versions = new ConcurrentLinkedQueue<>();
        Concurrently.run(16, thread -> {
            for (int i = 0; i < 50; i++) versions.add(kv().put("ns", "hot", utf8(thread + ":" + i)));
        });

        assertThat(kv().version("ns", "hot")).isEqualTo(800);
        assertThat(new HashSet<>(versions)).hasSize(800);
        assertThat(kv().get("ns", "hot").orElseThrow().version()).isEqualTo(800);
    }

    @Test
    default void concurrentPutsAndDeletesOfOneKeyNeverShareOrSkipAVersion() throws Exception {
        ConcurrentLinkedQueue<Long> putVersions = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> deleteVersions = new ConcurrentLinkedQueue<>();
        Concurrently.run(8, thread -> {
            for (int i = 0; i < 25; i++) {
                if (thread % 2 == 0) {
                    putVersions.add(kv().put("ns", "contended", utf8("v")));
                } else {
                    deleteVersions.add(kv().delete("ns", "contended"));
                }
            }
        });

        long last = kv().version("ns", "contended");
        Set<Long> puts = new HashSet<>(putVersions);
        Set<Long> all = new HashSet<>(puts);
        all.addAll(deleteVersions);
        all.remove(0L);
        assertThat(puts).as("put versions are unique").hasSize(100);
        assertThat(puts).as("no delete answers a put's version").doesNotContainAnyElementsOf(deleteVersions);
        assertThat(all).as("every version up to the last was written and answered")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
    }
}
