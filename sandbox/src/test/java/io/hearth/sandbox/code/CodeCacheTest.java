package io.hearth.sandbox.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeCacheTest {
    @TempDir
    Path base;
    private Path zips;
    private Path root;
    private CodeCache cache;

    @BeforeEach
    void setUp() throws IOException {
        zips = Files.createDirectory(base.resolve("zips"));
        root = base.resolve("cache");
        cache = new CodeCache(root, ZipLimits.lambda());
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void unpacksDirectoriesImpliedDirectoriesEmptyFilesAndUtf8Names() throws IOException {
        Path zip = TestZip.write(zips, ZipValidatorTest.javaZip("lib/", null, "lib/a.js", "exports.a = 1;",
                "deep/no/dir/entries.txt", "x", "empty.txt", "", "café/ünïcødé-名前.txt", "héllo"));
        String sha = TestZip.sha256(zip);

        Path tree = cache.unpack(sha, zip);

        assertThat(tree).isEqualTo(root.toAbsolutePath().resolve(sha));
        assertThat(Files.readString(tree.resolve("lib/a.js"))).isEqualTo("exports.a = 1;");
        assertThat(Files.readString(tree.resolve("deep/no/dir/entries.txt"))).isEqualTo("x");
        assertThat(Files.size(tree.resolve("empty.txt"))).isZero();
        assertThat(Files.readString(tree.resolve("café/ünïcødé-名前.txt"))).isEqualTo("héllo");
        assertThat(Refused.tree(tree)).containsExactly("/", "café/", "café/ünïcødé-名前.txt", "deep/", "deep/no/",
                "deep/no/dir/", "deep/no/dir/entries.txt", "empty.txt", "lib/", "lib/a.js");
        assertThat(cache.contains(sha)).isTrue();
    }

    @Test
    void makesTheTreeReadOnlyKeepingExecuteBits() throws IOException {
        TestZip zip = new TestZip();
        zip.executable("bootstrap", "#!/bin/sh\necho \"hello from $0\"\n");
        zip.dir("lib/");
        zip.file("lib/data.txt", "data");
        zip.file("lib/deep/setuid", "x").mode(0104755);
        zip.file("lib/group-exec", "x").mode(0100610);
        zip.file("windows.txt", "no unix mode").mode(null);
        Path file = zip.writeTo(zips);

        Path tree = cache.unpack(TestZip.sha256(file), file);

        assertThat(mode(tree)).isEqualTo("r-xr-xr-x");
        assertThat(mode(tree.resolve("lib"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(tree.resolve("lib/deep"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(tree.resolve("bootstrap"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(tree.resolve("lib/data.txt"))).isEqualTo("r--r--r--");
        assertThat(mode(tree.resolve("lib/deep/setuid"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(tree.resolve("lib/group-exec"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(tree.resolve("windows.txt"))).isEqualTo("r--r--r--");
        assertThat(Files.getAttribute(tree.resolve("lib/deep/setuid"), "unix:mode")).isEqualTo(0100555);
    }

    @Test
    void anUnpackedBootstrapScriptRuns() throws Exception {
        TestZip zip = new TestZip();
        zip.executable("bootstrap", "#!/bin/sh\necho \"bootstrap ran in $(pwd)\"\n");
        Path file = zip.writeTo(zips);
        Path tree = cache.unpack(TestZip.sha256(file), file);

        Process process = new ProcessBuilder(tree.resolve("bootstrap").toString()).directory(tree.toFile())
                .redirectErrorStream(true).start();

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("bootstrap ran in " + tree + "\n");
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void createsInTreeSymbolicLinks() throws IOException {
        TestZip zip = new TestZip();
        zip.file("data/file.txt", "through the link");
        zip.symlink("lib/to-file", "../data/file.txt");
        zip.symlink("lib/to-dir", "../data");
        Path file = zip.writeTo(zips);

        Path tree = cache.unpack(TestZip.sha256(file), file);

        assertThat(Files.readSymbolicLink(tree.resolve("lib/to-file"))).isEqualTo(Path.of("../data/file.txt"));
        assertThat(Files.readString(tree.resolve("lib/to-file"))).isEqualTo("through the link");
        assertThat(Files.readString(tree.resolve("lib/to-dir/file.txt"))).isEqualTo("through the link");
    }

    @Test
    void unpacksOnlyOncePerSha() throws IOException {
        TestZip zip = new TestZip();
        zip.file("a", "a");
        Path file = zip.writeTo(zips);
        String sha = TestZip.sha256(file);

        Path first = cache.unpack(sha, file);
        Object inode = Files.getAttribute(first, "unix:ino");
        Path second = cache.unpack(sha, file);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getAttribute(second, "unix:ino")).isEqualTo(inode);
        assertThat(cache.unpacked()).isEqualTo(1);
        assertThat(new CodeCache(root, ZipLimits.lambda()).contains(sha)).isTrue();
    }

    @Test
    void refusesAShaThatIsNotTheZipsOrNotAShaAtAll() throws IOException {
        TestZip zip = new TestZip();
        zip.file("a", "a");
        Path file = zip.writeTo(zips);
        String wrong = "0".repeat(64);
        var before = Refused.tree(base);

        assertThatThrownBy(() -> cache.unpack(wrong, file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has SHA-256 " + TestZip.sha256(file) + ", not " + wrong);
        for (String bad : new String[] {"../../etc", "A".repeat(64), "0".repeat(63), "", null}) {
            assertThatThrownBy(() -> cache.unpack(bad, file)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cache.contains(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cache.evict(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Refused.tree(base)).isEqualTo(before);
    }

    @Test
    void evictRemovesTheReadOnlyTreeAndAllowsUnpackingAgain() throws IOException {
        TestZip zip = new TestZip();
        zip.file("deep/er/file", "x");
        zip.symlink("link", "deep");
        Path file = zip.writeTo(zips);
        String sha = TestZip.sha256(file);
        cache.unpack(sha, file);

        cache.evict(sha);

        assertThat(cache.contains(sha)).isFalse();
        assertThat(Refused.tree(root)).containsExactly("/");
        assertThat(Files.readString(cache.unpack(sha, file).resolve("deep/er/file"))).isEqualTo("x");
        assertThat(cache.unpacked()).isEqualTo(2);
        cache.evict(sha);
        cache.evict(sha);
        assertThat(cache.contains(sha)).isFalse();
    }

    @Test
    void redoesAHalfUnpackedLeftoverOfTheSameSha() throws IOException {
        TestZip zip = new TestZip();
        zip.file("complete.txt", "all of it");
        Path file = zip.writeTo(zips);
        String sha = TestZip.sha256(file);
        Path leftover = root.resolve(CodeCache.UNPACKING + sha);
        Files.createDirectories(leftover.resolve("half/written"));
        Files.writeString(leftover.resolve("half/written/part"), "par");
        Files.setPosixFilePermissions(leftover.resolve("half/written"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(leftover.resolve("half"), PosixFilePermissions.fromString("r-xr-xr-x"));

        Path tree = cache.unpack(sha, file);

        assertThat(Refused.tree(root)).containsExactly("/", sha + "/", sha + "/complete.txt");
        assertThat(Files.readString(tree.resolve("complete.txt"))).isEqualTo("all of it");
    }

    @Test
    void sweepsLeftoversOfInterruptedUnpacksAndEvictionsOnStart() throws IOException {
        String other = "ab".repeat(32);
        Files.createDirectories(root.resolve(CodeCache.UNPACKING + other).resolve("partial"));
        Files.createDirectories(root.resolve(CodeCache.EVICTING + other).resolve("half-deleted"));
        Files.setPosixFilePermissions(root.resolve(CodeCache.EVICTING + other), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.createDirectories(root.resolve("cd".repeat(32)));

        new CodeCache(root, ZipLimits.lambda());

        assertThat(Refused.tree(root)).containsExactly("/", "cd".repeat(32) + "/");
    }

    @Test
    void reportsAMissingZipFileAsAServiceError() {
        Path missing = zips.resolve("missing.zip");

        assertThatThrownBy(() -> cache.unpack("ab".repeat(32), missing))
                .isInstanceOfSatisfying(HearthException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVICE);
                    assertThat(e.getMessage()).isEqualTo("Could not unpack code " + "ab".repeat(32) + " (NoSuchFileException)");
                });
    }

    @Test
    void refusesAnEmptyZipFile() throws IOException {
        Path empty = Files.write(zips.resolve("empty.zip"), new byte[0]);

        Refused.assertRefused(() -> cache.unpack(TestZip.sha256(empty), empty), Refusals.CORRUPT, "the file is empty");
        assertThat(Refused.tree(root)).containsExactly("/");
    }

    @Test
    void refusesAZipFileAboveTheZippedLimitBeforeReadingIt() throws IOException {
        TestZip zip = new TestZip();
        zip.file("a", "x".repeat(500));
        Path file = zip.writeTo(zips);
        CodeCache small = new CodeCache(root, new ZipLimits(10, 10_000, 100));

        Refused.assertRefused(() -> small.unpack(TestZip.sha256(file), file), "Zipped size must be smaller than 100 bytes");
        assertThat(Refused.tree(root)).containsExactly("/");
    }
}
