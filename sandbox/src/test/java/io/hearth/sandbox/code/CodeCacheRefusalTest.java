package io.hearth.sandbox.code;

import static io.hearth.sandbox.code.Refused.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal while unpacking leaves the directory tree around the cache exactly as it was. */
class CodeCacheRefusalTest {
    private static final ZipLimits LIMITS = new ZipLimits(20, 100_000, 1_000_000);

    @TempDir
    Path base;

    /** Each archive first holds harmless entries, so a careless unpacker would have written something. */
    private static TestZip harmless() {
        TestZip zip = new TestZip();
        zip.file("index.js", "exports.handler = async () => 1;");
        zip.file("lib/util.js", "module.exports = {};").deflated();
        return zip;
    }

    private static Arguments refusal(String name, Supplier<TestZip> zip, String message) {
        return Arguments.of(name, zip, message);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
            refusal("zip slip", () -> { var z = harmless(); z.file("../../evil.sh", "x"); return z; },
                    "'../../evil.sh' refused: '..' path segments are not allowed"),
            refusal("absolute", () -> { var z = harmless(); z.file("/tmp/evil.sh", "x"); return z; },
                    "absolute paths are not allowed"),
            refusal("drive letter", () -> { var z = harmless(); z.file("C:/evil.sh", "x"); return z; },
                    "drive letters are not allowed"),
            refusal("backslash", () -> { var z = harmless(); z.file("..\\evil.sh", "x"); return z; },
                    "backslashes are not allowed"),
            refusal("link out", () -> { var z = harmless(); z.symlink("lib/etc", "../../../etc"); return z; },
                    "resolves outside the package"),
            refusal("link out through a link", () -> {
                var z = harmless(); z.symlink("p", "."); z.symlink("q", "p/../outside"); return z; },
                    "'q' refused: symbolic link target 'p/../outside' resolves outside the package"),
            refusal("write through a link", () -> {
                var z = harmless(); z.symlink("out", "lib"); z.file("out/evil.sh", "x"); return z; },
                    "it lies below the symbolic link 'out'"),
            refusal("duplicate", () -> { var z = harmless(); z.file("index.js", "second"); return z; },
                    "'index.js' refused: duplicate entry name"),
            refusal("too many entries", () -> {
                var z = harmless(); for (int i = 0; i < 19; i++) z.file("f" + i, "x"); return z; },
                    "must not contain more than 20 entries"),
            refusal("too large", () -> { var z = harmless(); z.file("big", "x".repeat(100_001)).deflated(); return z; },
                    "Unzipped size must be smaller than 100000 bytes"),
            refusal("lying bomb", () -> {
                var z = harmless(); z.file("bomb", new byte[0]).precompressed(ZerosDeflate.stream(400_000), 50_000); return z; },
                    "'bomb': inflates to more than its declared size of 50000 bytes"),
            refusal("damaged data after good files", () -> {
                var z = harmless(); z.file("last.txt", "text").crc(7); return z; },
                    "'last.txt': CRC-32 mismatch"),
            refusal("not UTF-8", () -> { var z = harmless(); z.raw(new byte[] {(byte) 0xC3, '('}, new byte[0]); return z; },
                    "the name is not valid UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void leavesNothingBehind(String name, Supplier<TestZip> zip, String message) throws IOException {
        Path zips = Files.createDirectory(base.resolve("zips"));
        Path file = zip.get().writeTo(zips);
        CodeCache cache = new CodeCache(base.resolve("cache"), LIMITS);
        var before = Refused.tree(base);

        assertRefused(() -> cache.unpack(TestZip.sha256(file), file), message);
        assertRefused(() -> new ZipValidator(LIMITS).validate(Files.readAllBytes(file)), message);

        assertThat(Refused.tree(base)).isEqualTo(before).containsExactly("/", "cache/", "zips/", "zips/" + file.getFileName());
        assertThat(Files.exists(base.getParent().resolve("evil.sh"))).isFalse();
        assertThat(cache.contains(TestZip.sha256(file))).isFalse();
    }
}
