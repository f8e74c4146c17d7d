package io.hearth.sandbox.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages made the way Lambda's documentation makes them, with Info-ZIP's {@code zip -r -y}: unix
 * modes, stored symbolic links, UTF-8 names, and (with {@code -fz}) ZIP64 records. Skipped where
 * {@code /usr/bin/zip} is absent.
 */
class InfoZipCompatibilityTest {
    private static final Path ZIP = Path.of("/usr/bin/zip");

    @TempDir
    Path base;
    private Path source;

    @BeforeEach
    void makeSource() throws IOException {
        source = Files.createDirectory(base.resolve("src"));
        Files.writeString(source.resolve("bootstrap"), "#!/bin/sh\necho made-by-info-zip\n");
        Files.setPosixFilePermissions(source.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(source.resolve("lib/empty"));
        Files.writeString(source.resolve("lib/handler.sh"), "handle() { :; }\n".repeat(100));
        Files.writeString(source.resolve("lib/données-é.txt"), "ü");
        Files.createSymbolicLink(source.resolve("lib/current"), Path.of("handler.sh"));
    }

    private Path zip(String... options) throws Exception {
        assumeTrue(Files.isExecutable(ZIP), "Info-ZIP is not installed");
        Path out = base.resolve("fn.zip");
        List<String> command = new ArrayList<>(List.of(ZIP.toString(), "-q", "-r", "-y"));
        command.addAll(List.of(options));
        command.addAll(List.of(out.toString(), "."));
        Process zip = new ProcessBuilder(command).directory(source.toFile()).redirectErrorStream(true).start();
        assertThat(zip.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(zip.exitValue()).as(new String(zip.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-9", "-fz"})
    void validatesAndUnpacksWhatInfoZipMakes(String option) throws Exception {
        Path zip = zip(option);

        ZipSummary summary = new ZipValidator(ZipLimits.lambda()).validate(Files.readAllBytes(zip));
        Path tree = new CodeCache(base.resolve("cache"), ZipLimits.lambda()).unpack(TestZip.sha256(zip), zip);

        assertThat(summary.hasExecutableBootstrap()).isTrue();
        assertThat(summary.entries()).isEqualTo(6);
        assertThat(summary.unzippedBytes()).isEqualTo(32 + 1600 + 2 + "handler.sh".length());
        assertThat(Refused.tree(tree)).containsExactly("/", "bootstrap", "lib/", "lib/current -> link",
                "lib/donn\u00e9es-\u00e9.txt", "lib/empty/", "lib/handler.sh");
        assertThat(Files.readSymbolicLink(tree.resolve("lib/current"))).isEqualTo(Path.of("handler.sh"));
        assertThat(Files.readString(tree.resolve("lib/données-é.txt"))).isEqualTo("ü");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("bootstrap"))))
                .isEqualTo("r-xr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("lib/empty"),
                LinkOption.NOFOLLOW_LINKS))).isEqualTo("r-xr-xr-x");
        Process bootstrap = new ProcessBuilder(tree.resolve("bootstrap").toString()).start();
        assertThat(bootstrap.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(bootstrap.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("made-by-info-zip\n");
    }
}
