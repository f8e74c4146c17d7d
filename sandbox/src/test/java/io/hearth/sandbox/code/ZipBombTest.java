package io.hearth.sandbox.code;

import static io.hearth.sandbox.code.Refused.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipBombTest {
    /** 1 GiB of zeros as one deflate stream of about 1 MB. */
    private static final long MATCHES = (1L << 30) / 258;
    private static byte[] gigabyteOfZeros;

    @TempDir
    Path base;

    @BeforeAll
    static void buildBomb() {
        gigabyteOfZeros = ZerosDeflate.stream(MATCHES);
    }

    @Test
    void theHandBuiltStreamInflatesToZeros() throws Exception {
        byte[] small = ZerosDeflate.stream(10);
        Inflater inflater = new Inflater(true);
        inflater.setInput(small);
        byte[] out = new byte[10_000];
        int n = inflater.inflate(out);

        assertThat(inflater.finished()).isTrue();
        assertThat(n).isEqualTo(ZerosDeflate.inflatedSize(10)).isEqualTo(2581);
        assertThat(out).containsOnly((byte) 0);
        inflater.end();
        assertThat(ZerosDeflate.inflatedSize(MATCHES)).isGreaterThan(1_000_000_000L);
        assertThat(gigabyteOfZeros.length).isBetween(1_000_000, 1_100_000);
    }

    private static byte[] bomb(long declaredSize) {
        TestZip zip = new TestZip();
        zip.file("handler.py", "def handler(event, context): return 1\n");
        zip.file("zeros.bin", new byte[0]).precompressed(gigabyteOfZeros, declaredSize);
        return zip.bytes();
    }

    @Test
    void validatorRefusesABombThatDeclaresItsSize() {
        assertRefused(() -> new ZipValidator(ZipLimits.lambda()).validate(bomb(ZerosDeflate.inflatedSize(MATCHES))),
                "Unzipped size must be smaller than 262144000 bytes");
    }

    @Test
    void validatorRefusesABombThatLiesAboutItsSizeAfterInflatingNoMoreThanItDeclared() {
        assertRefused(() -> new ZipValidator(ZipLimits.lambda()).validate(bomb(1_000)),
                Refusals.CORRUPT, "'zeros.bin'", "inflates to more than its declared size of 1000 bytes");
    }

    @Test
    void validatorRefusesManyEntriesWhoseSizesAddUpPastTheLimit() {
        TestZip zip = new TestZip();
        byte[] megabyte = ZerosDeflate.stream(4_000);
        for (int i = 0; i < 300; i++) zip.file("z" + i, new byte[0]).precompressed(megabyte, ZerosDeflate.inflatedSize(4_000));

        assertRefused(() -> new ZipValidator(ZipLimits.lambda()).validate(zip.bytes()),
                "Unzipped size must be smaller than 262144000 bytes");
    }

    @Test
    void cacheRefusesBothBombsWithoutLeavingAnything() throws Exception {
        Path zips = Files.createDirectory(base.resolve("zips"));
        CodeCache cache = new CodeCache(base.resolve("cache"), ZipLimits.lambda());
        Path honest = TestZip.write(zips, bomb(ZerosDeflate.inflatedSize(MATCHES)));
        Path liar = TestZip.write(zips, bomb(1_000));
        var before = Refused.tree(base);

        assertRefused(() -> cache.unpack(TestZip.sha256(honest), honest), "Unzipped size must be smaller than 262144000 bytes");
        assertRefused(() -> cache.unpack(TestZip.sha256(liar), liar), "inflates to more than its declared size of 1000 bytes");

        assertThat(Refused.tree(base)).isEqualTo(before);
        try (var children = Files.list(base.resolve("cache"))) {
            assertThat(children).isEmpty();
        }
    }
}
