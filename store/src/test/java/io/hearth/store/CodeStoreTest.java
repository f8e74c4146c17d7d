package io.hearth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.CodeRef;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CodeStore} on a real temporary directory. */
class CodeStoreTest {
    @TempDir
    Path tmp;

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void putAddressesByTheSha256OfTheBytesAndReadGivesThemBack() throws Exception {
        Path dir = tmp.resolve("data/code");
        CodeStore store = new CodeStore(dir);
        byte[] zip = "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1);

        CodeRef ref = store.put(zip);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
        assertThat(ref).isEqualTo(new CodeRef(expected, zip.length));
        assertThat(store.path(ref)).isEqualTo(dir.resolve(expected + ".zip"));
        assertThat(store.read(expected)).hasValueSatisfying(b -> assertThat(b).isEqualTo(zip));
        assertThat(files(dir)).containsExactly(expected + ".zip");
    }

    @Test
    void putOfStoredBytesIsIdempotentAndDoesNotRewriteTheFile() throws Exception {
        CodeStore store = new CodeStore(tmp);
        byte[] zip = bytes(10_000, 1);
        CodeRef first = store.put(zip);
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(store.path(first), old);

        CodeRef second = store.put(zip.clone());

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(store.path(first))).isEqualTo(old);
        assertThat(files(tmp)).containsExactly(first.sha256Hex() + ".zip");
    }

    @Test
    void aTruncatedPackageIsReplacedByTheWholeOne() throws Exception {
        CodeStore store = new CodeStore(tmp);
        byte[] zip = bytes(5_000, 2);
        CodeRef ref = store.put(zip);
        Files.write(store.path(ref), new byte[100]);

        store.put(zip);

        assertThat(store.read(ref.sha256Hex())).hasValueSatisfying(b -> assertThat(b).isEqualTo(zip));
    }

    @Test
    void readersSeeNoPackageOrTheWholePackageNeverAPart() throws Exception {
        CodeStore store = new CodeStore(tmp);
        byte[] zip = bytes(1 << 20, 3);
        String hex = CodeStore.sha256Hex(zip);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> reader = pool.submit(() -> {
                while (writing.get()) {
                    Optional<byte[]> seen = store.read(hex);
                    seen.ifPresent(b -> assertThat(b).hasSize(zip.length).isEqualTo(zip));
                }
                return null;
            });
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    store.put(zip);
                    store.delete(hex);
                }
                store.put(zip);
                writing.set(false);
                return null;
            });
            writer.get(30, TimeUnit.SECONDS);
            reader.get(30, TimeUnit.SECONDS);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertThat(files(tmp)).containsExactly(hex + ".zip");
    }

    @Test
    void concurrentPutsOfTheSameBytesLeaveOneCompleteFileAndNoTemporaries() throws Exception {
        CodeStore store = new CodeStore(tmp);
        byte[] zip = bytes(200_000, 4);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CodeRef>> refs = new ArrayList<>();
            for (int i = 0; i < 8; i++) refs.add(pool.submit(() -> store.put(zip)));
            for (Future<CodeRef> f : refs) assertThat(f.get(30, TimeUnit.SECONDS).size()).isEqualTo(zip.length);
        } finally {
            pool.shutdownNow();
        }
        assertThat(files(tmp)).containsExactly(CodeStore.sha256Hex(zip) + ".zip");
        assertThat(store.read(CodeStore.sha256Hex(zip))).hasValueSatisfying(b -> assertThat(b).isEqualTo(zip));
    }

    @Test
    void leftoverTemporariesOfACrashedRunAreDeletedOnStart() throws Exception {
        Path stale = Files.write(tmp.resolve(".upload-123.tmp"), new byte[] {1, 2, 3});
        Path other = Files.writeString(tmp.resolve("notes.txt"), "kept");

        new CodeStore(tmp);

        assertThat(stale).doesNotExist();
        assertThat(other).exists();
    }

    @Test
    void readAndDeleteOfMissingPackagesAnswerNothing() {
        CodeStore store = new CodeStore(tmp);
        String missing = "ab".repeat(32);

        assertThat(store.read(missing)).isEmpty();
        assertThat(store.delete(missing)).isFalse();
    }

    @Test
    void deleteRemovesThePackage() {
        CodeStore store = new CodeStore(tmp);
        CodeRef ref = store.put(new byte[] {9});

        assertThat(store.delete(ref.sha256Hex())).isTrue();
        assertThat(store.read(ref.sha256Hex())).isEmpty();
        assertThat(store.path(ref)).doesNotExist();
    }

    @Test
    void anythingButALowercaseSha256HexIsRefused() throws Exception {
        CodeStore store = new CodeStore(tmp.resolve("code"));
        Files.writeString(tmp.resolve("secret.zip"), "outside");

        for (String bad : List.of("../secret", "AB".repeat(32), "abc", "", "g".repeat(64))) {
            assertThatThrownBy(() -> store.read(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.put(null)).isInstanceOf(NullPointerException.class);
        assertThat(tmp.resolve("secret.zip")).exists();
    }

    @Test
    void anEmptyPackageIsStoredLikeAnyOther() {
        CodeStore store = new CodeStore(tmp);
        CodeRef ref = store.put(new byte[0]);

        assertThat(ref.sha256Hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(store.read(ref.sha256Hex())).hasValueSatisfying(b -> assertThat(b).isEmpty());
    }
}
