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

class ArchiveFormatTest {
    private final ZipValidator validator = new ZipValidator(ZipLimits.lambda());

    private static TestZip sample() {
        TestZip zip = new TestZip();
        zip.dir("lib/");
        zip.file("lib/a.txt", "alpha").deflated();
        zip.executable("bootstrap", "#!/bin/sh\n");
        zip.symlink("link", "lib/a.txt");
        return zip;
    }

    @Test
    void readsZip64RecordsAndExtraFields() {
        byte[] zip64 = sample().zip64().bytes();

        assertThat(validator.validate(zip64)).isEqualTo(new ZipSummary(4, 5 + 10 + 9, true));
        assertThat(zip64).isNotEqualTo(sample().bytes());
    }

    @Test
    void refusesAZip64LocatorPointingNowhere() {
        byte[] zip = sample().zip64().bytes();
        int locator = zip.length - 22 - 20;
        zip[locator + 8] = (byte) 0x7F;

        assertRefused(() -> validator.validate(zip), Refusals.CORRUPT, "ZIP64 end of central directory record not found");
    }

    @Test
    void findsTheEndRecordBehindCommentsEvenOnesContainingItsSignature() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setComment("a comment with PK\u0005\u0006 inside and " + "x".repeat(1000));
            out.putNextEntry(new ZipEntry("a.txt"));
            out.write("a".getBytes(StandardCharsets.UTF_8));
        }
        TestZip longComment = sample().comment(new byte[0xFFFF]);

        assertThat(validator.validate(bytes.toByteArray()).entries()).isEqualTo(1);
        assertThat(validator.validate(longComment.bytes()).entries()).isEqualTo(4);
    }

    @Test
    void refusesTrailingGarbageAndPrependedStubs() {
        byte[] zip = sample().bytes();
        byte[] trailing = Arrays.copyOf(zip, zip.length + 3);
        byte[] prepended = new byte[zip.length + 100];
        System.arraycopy(zip, 0, prepended, 100, zip.length);

        assertRefused(() -> validator.validate(trailing), Refusals.CORRUPT, "end of central directory record not found");
        assertRefused(() -> validator.validate(prepended), Refusals.CORRUPT);
    }

    @Test
    void refusesMultiVolumeArchives() {
        byte[] zip = sample().bytes();
        zip[zip.length - 22 + 4] = 1;

        assertRefused(() -> validator.validate(zip), Refusals.CORRUPT, "multi-volume archives are not supported");
    }

    @Test
    void refusesACentralDirectoryOutsideTheArchive() {
        byte[] zip = sample().bytes();
        zip[zip.length - 22 + 19] = 0x40;

        assertRefused(() -> validator.validate(zip), Refusals.CORRUPT, "central directory lies outside the archive");
    }

    @Test
    void refusesAnEntryCountTheDirectoryDoesNotHold() {
        byte[] zip = sample().bytes();
        zip[zip.length - 22 + 8] = 5;
        zip[zip.length - 22 + 10] = 5;

        assertRefused(() -> validator.validate(zip), Refusals.CORRUPT, "central directory is damaged");
    }

    @Test
    void refusesALocalHeaderNamingAnotherEntry() {
        TestZip zip = new TestZip();
        zip.file("harmless.txt", "x").localName("../../evil.sh");

        assertRefused(() -> validator.validate(zip.bytes()), "'harmless.txt'", "local header names a different entry");
    }

    @Test
    void refusesEntriesSharingData() {
        TestZip zip = new TestZip();
        TestZip.Entry kernel = zip.file("kernel", "x".repeat(1000)).deflated();
        zip.sameDataAs(kernel);

        assertRefused(() -> validator.validate(zip.bytes()), "'kernel'", "its data overlaps another entry");
    }

    @Test
    void refusesSizesThatDisagreeWithTheData() {
        TestZip storedLie = new TestZip();
        storedLie.file("s", "12345").declaredSize(4);
        TestZip deflatedShort = new TestZip();
        deflatedShort.file("d", "x".repeat(100)).deflated().declaredSize(200);
        TestZip wrongCrc = new TestZip();
        wrongCrc.file("c", "x".repeat(100)).deflated().crc(12345);

        assertRefused(() -> validator.validate(storedLie.bytes()), "'s'", "stored size differs from its declared size");
        assertRefused(() -> validator.validate(deflatedShort.bytes()), "'d'", "inflates to 100 bytes, not its declared 200");
        assertRefused(() -> validator.validate(wrongCrc.bytes()), "'c'", "CRC-32 mismatch");
    }

    @Test
    void ignoresUnixModesFromHostsThatDoNotWriteThem() {
        TestZip zip = new TestZip();
        zip.file("bootstrap", "#!/bin/sh\n").mode(null);

        assertThat(validator.validate(zip.bytes()).hasExecutableBootstrap()).isFalse();
    }
}
