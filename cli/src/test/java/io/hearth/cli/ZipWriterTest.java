package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipWriterTest {

    @TempDir
    Path tmp;

    @Test
    void jdkReaderSeesNamesAndContent() throws Exception {
        ZipWriter zip = new ZipWriter();
        zip.addDirectory("d/", 0755);
        zip.addFile("d/été.txt", 0644, "bonjour".getBytes(StandardCharsets.UTF_8));
        zip.addFile("empty", 0600, new byte[0]);
        byte[] big = "abcdefgh".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        zip.addFile("big", 0644, big);

        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.finish()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                byte[] content = in.readAllBytes();
                switch (e.getName()) {
                    case "d/été.txt" -> assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("bonjour");
                    case "empty" -> assertThat(content).isEmpty();
                    case "big" -> assertThat(content).isEqualTo(big);
                    case "d/" -> assertThat(e.isDirectory()).isTrue();
                    default -> throw new AssertionError("unexpected entry " + e.getName());
                }
            }
        }
        assertThat(names).containsExactly("d/", "d/été.txt", "empty", "big");
    }

    @Test
    void modesAreReadBackByAnIndependentReader() throws Exception {
        ZipWriter zip = new ZipWriter();
        zip.addFile("run", 0750, "x".getBytes(StandardCharsets.UTF_8));
        zip.addFile("data", 0604, "y".getBytes(StandardCharsets.UTF_8));
        zip.addDirectory("dir/", 0700);

        Map<String, ZipContents.Item> items = ZipContents.read(zip.finish());

        assertThat(items.get("run").permissions()).isEqualTo(0750);
        assertThat(items.get("data").permissions()).isEqualTo(0604);
        assertThat(items.get("dir/").permissions()).isEqualTo(0700);
        assertThat(items.get("dir/").unixMode() & 0170000).isEqualTo(0040000);
        assertThat(items.values()).allMatch(ZipContents.Item::unixPlatform);
    }

    @Test
    void sameDirectoryGivesTheSameBytes() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("f"));
        Files.writeString(dir.resolve("b.py"), "b");
        Files.writeString(dir.resolve("a.py"), "a");
        byte[] first = CodePackage.zipDirectory(dir);
        Files.setLastModifiedTime(dir.resolve("a.py"), java.nio.file.attribute.FileTime.fromMillis(0));

        assertThat(CodePackage.zipDirectory(dir)).isEqualTo(first);
    }

    @Test
    void symlinkedFileIsStoredWithItsContent() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("f"));
        Path target = Files.writeString(tmp.resolve("shared.py"), "shared");
        Files.createSymbolicLink(dir.resolve("link.py"), target);

        Map<String, ZipContents.Item> items = ZipContents.read(CodePackage.zipDirectory(dir));

        assertThat(items.get("link.py").text()).isEqualTo("shared");
    }

    @Test
    void symlinkLoopIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("f"));
        Files.writeString(dir.resolve("a.py"), "a");
        Files.createSymbolicLink(dir.resolve("loop"), dir);

        assertThatThrownBy(() -> CodePackage.zipDirectory(dir))
                .isInstanceOf(ClientFailure.Input.class)
                .hasMessageContaining("symbolic link loop");
    }

    @Test
    void unzipRestoresTheExecutableBit() throws Exception {
        Path unzip = Path.of("/usr/bin/unzip");
        assumeThat(Files.isExecutable(unzip)).as("unzip installed").isTrue();
        Path dir = Files.createDirectory(tmp.resolve("f"));
        Path bootstrap = Files.writeString(dir.resolve("bootstrap"), "#!/bin/sh\necho ok\n");
        Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("data.txt"), "d");
        Path zipFile = Files.write(tmp.resolve("f.zip"), CodePackage.zipDirectory(dir));
        Path out = Files.createDirectory(tmp.resolve("out"));

        Process process = new ProcessBuilder(unzip.toString(), "-q", zipFile.toString(), "-d", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("bootstrap"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.isExecutable(out.resolve("data.txt"))).isFalse();
        Process run = new ProcessBuilder(out.resolve("bootstrap").toString()).start();
        assertThat(new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ok\n");
        assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}
