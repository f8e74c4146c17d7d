package io.hearth.sandbox.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold starts wait for an unpack: a three-file package must unpack in about a millisecond once the
 * JVM is warm: 0.3-0.4 ms median measured here on a quiet 2-core machine, about 1 ms while other
 * builds loaded it to 6. The JIT needs about a thousand unpacks to get there. The assertion is on the
 * fastest quartile, which load disturbs least, with a 2 ms bound: a regression such as an fsync or a
 * fresh SecureRandom per unpack still fails it.
 */
class UnpackSpeedTest {
    private static final int WARMUP = 1_000;
    private static final int MEASURED = 100;

    @TempDir
    Path base;

    @Test
    void aThreeFileZipUnpacksInAboutAMillisecond() throws Exception {
        Path zips = Files.createDirectory(base.resolve("zips"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            TestZip zip = new TestZip();
            zip.executable("bootstrap", "#!/bin/sh\nexec ./handler " + i + "\n");
            zip.file("handler.py", "def handler(event, context):\n    return " + i + "\n".repeat(20)).deflated();
            zip.file("lib/config.json", "{\"n\": " + i + "}");
            files.add(zip.writeTo(zips));
        }
        CodeCache cache = new CodeCache(base.resolve("cache"), ZipLimits.lambda());
        for (int i = 0; i < WARMUP; i++) cache.unpack(TestZip.sha256(files.get(i)), files.get(i));

        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            Path file = files.get(WARMUP + i);
            String sha = TestZip.sha256(file);
            long start = System.nanoTime();
            cache.unpack(sha, file);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);

        System.out.printf("unpack of a 3-file zip: p25 %.3f ms, median %.3f ms, p90 %.3f ms%n",
                nanos[MEASURED / 4] / 1e6, nanos[MEASURED / 2] / 1e6, nanos[MEASURED * 9 / 10] / 1e6);
        assertThat(nanos[MEASURED / 4]).isLessThan(2_000_000L);
    }
}
