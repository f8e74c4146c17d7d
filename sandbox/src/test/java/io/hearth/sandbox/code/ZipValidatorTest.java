package io.hearth.sandbox.code;

import static io.hearth.sandbox.code.Refused.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ZipValidatorTest {
    private final ZipValidator validator = new ZipValidator(ZipLimits.lambda());

    static byte[] javaZip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                if (namesAndContents[i + 1] != null) zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void summarizesAZipOutputStreamArchiveWithDirectoriesEmptyFilesAndUtf8Names() throws IOException {
        byte[] zip = javaZip("lib/", null, "lib/a.js", "exports.a = 1;", "deep/no/dir/entries.txt", "x",
                "empty.txt", "", "café/ünïcødé-名前.txt", "héllo");

        ZipSummary summary = validator.validate(zip);

        assertThat(summary).isEqualTo(new ZipSummary(5, 14 + 1 + 0 + "héllo".getBytes(StandardCharsets.UTF_8).length, false));
    }

    @Test
    void countsInflatedBytesOfStoredAndDeflatedEntriesAndLinkTargets() {
        TestZip zip = new TestZip();
        zip.file("stored.txt", "12345");
        zip.file("deflated.txt", "a".repeat(10_000)).deflated();
        zip.symlink("link", "stored.txt");

        assertThat(validator.validate(zip.bytes())).isEqualTo(new ZipSummary(3, 5 + 10_000 + 10, false));
    }

    @Test
    void findsAnExecutableBootstrapOnlyWhenItHasAnExecuteBit() {
        TestZip executable = new TestZip();
        executable.executable("bootstrap", "#!/bin/sh\n");
        TestZip plain = new TestZip();
        plain.file("bootstrap", "#!/bin/sh\n");
        TestZip nested = new TestZip();
        nested.executable("bin/bootstrap", "#!/bin/sh\n");
        TestZip noModes = new TestZip();
        noModes.file("bootstrap", "#!/bin/sh\n").mode(null);

        assertThat(validator.validate(executable.bytes()).hasExecutableBootstrap()).isTrue();
        assertThat(validator.validate(plain.bytes()).hasExecutableBootstrap()).isFalse();
        assertThat(validator.validate(nested.bytes()).hasExecutableBootstrap()).isFalse();
        assertThat(validator.validate(noModes.bytes()).hasExecutableBootstrap()).isFalse();
    }

    @Test
    void followsABootstrapLinkToTheFileItNames() {
        TestZip linked = new TestZip();
        linked.executable("bin/run", "#!/bin/sh\n");
        linked.symlink("bootstrap", "bin/run");
        TestZip toPlainFile = new TestZip();
        toPlainFile.file("bin/run", "#!/bin/sh\n");
        toPlainFile.symlink("bootstrap", "bin/run");

        assertThat(validator.validate(linked.bytes()).hasExecutableBootstrap()).isTrue();
        assertThat(validator.validate(toPlainFile.bytes()).hasExecutableBootstrap()).isFalse();
    }

    @Test
    void acceptsAnArchiveWithoutEntries() throws IOException {
        assertThat(validator.validate(javaZip())).isEqualTo(new ZipSummary(0, 0, false));
    }

    @Test
    void refusesEmptyBytesAndThingsThatAreNotZips() {
        assertRefused(() -> validator.validate(new byte[0]), Refusals.CORRUPT, "empty");
        assertRefused(() -> validator.validate("hello".getBytes(StandardCharsets.UTF_8)), Refusals.CORRUPT);
        assertRefused(() -> validator.validate("{\"not\": \"a zip at all, but long enough\"}".getBytes(StandardCharsets.UTF_8)),
                Refusals.CORRUPT, "end of central directory record not found");
    }

    @Test
    void refusesTruncatedArchives() throws IOException {
        byte[] zip = javaZip("a.txt", "a".repeat(1000), "b.txt", "b".repeat(1000));
        for (int length : new int[] {zip.length - 1, zip.length / 2, 30}) {
            assertRefused(() -> validator.validate(Arrays.copyOf(zip, length)), Refusals.CORRUPT);
        }
    }

    @Test
    void refusesDamagedDataByItsCrcOrItsDeflateStream() {
        TestZip stored = new TestZip();
        stored.file("a.txt", "hello world");
        byte[] flipped = stored.bytes();
        flipped[30 + "a.txt".length()] ^= 0x01;
        assertRefused(() -> validator.validate(flipped), Refusals.CORRUPT, "'a.txt'", "CRC-32 mismatch");

        TestZip deflated = new TestZip();
        deflated.file("b.txt", "some text that deflates ".repeat(50)).deflated();
        byte[] broken = deflated.bytes();
        broken[30 + "b.txt".length()] = (byte) 0xFF;
        assertRefused(() -> validator.validate(broken), Refusals.CORRUPT, "'b.txt'");
    }

    @Test
    void refusesAnArchiveLargerThanTheZippedLimit() throws IOException {
        byte[] zip = javaZip("a.txt", "x".repeat(200));
        ZipValidator small = new ZipValidator(new ZipLimits(10, 1_000_000, zip.length - 1));

        assertRefused(() -> small.validate(zip), "Zipped size must be smaller than " + (zip.length - 1) + " bytes");
        assertThat(new ZipValidator(new ZipLimits(10, 1_000_000, zip.length)).validate(zip).entries()).isEqualTo(1);
    }

    @Test
    void refusesTooManyEntriesCountingDirectories() throws IOException {
        ZipValidator three = new ZipValidator(new ZipLimits(3, 1_000_000, 1_000_000));
        byte[] four = javaZip("d/", null, "d/a", "a", "d/b", "b", "c", "c");

        assertRefused(() -> three.validate(four), "must not contain more than 3 entries");
        assertThat(three.validate(javaZip("d/", null, "d/a", "a", "c", "c")).entries()).isEqualTo(3);
    }

    @Test
    void refusesMoreUnzippedBytesThanTheLimitAcrossEntries() {
        ZipValidator limited = new ZipValidator(new ZipLimits(10, 1_000, 1_000_000));
        TestZip zip = new TestZip();
        zip.file("a", "a".repeat(600)).deflated();
        zip.file("b", "b".repeat(600)).deflated();
        TestZip fits = new TestZip();
        fits.file("a", "a".repeat(500)).deflated();
        fits.file("b", "b".repeat(500)).deflated();

        assertRefused(() -> limited.validate(zip.bytes()), "Unzipped size must be smaller than 1000 bytes");
        assertThat(limited.validate(fits.bytes()).unzippedBytes()).isEqualTo(1_000);
    }

    @Test
    void refusesEncryptedEntriesAndUnsupportedCompression() {
        TestZip encrypted = new TestZip();
        encrypted.file("secret", "x").flags(0x0801);
        TestZip bzip2 = new TestZip();
        bzip2.file("packed", "x").method(12);

        assertRefused(() -> validator.validate(encrypted.bytes()), "'secret'", "encrypted entries are not supported");
        assertRefused(() -> validator.validate(bzip2.bytes()), "'packed'", "compression method 12 is not supported");
    }

    @Test
    void refusesDevicesAndFifos() {
        TestZip fifo = new TestZip();
        fifo.file("pipe", "").mode(0010644);

        assertRefused(() -> validator.validate(fifo.bytes()), "'pipe'", "devices, FIFOs and sockets are not allowed");
    }
}
