package io.hearth.sandbox.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.HearthException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the POSIX locale the JVM cannot name files outside ASCII; unpacking a package with a UTF-8
 * name must then fail as a platform error that says what to change, leaving nothing behind.
 */
class PosixLocaleTest {
    @TempDir
    Path base;

    /** Runs in the child JVM: {@code <root> <sha> <zip>}. */
    public static void main(String[] args) {
        try {
            new CodeCache(Path.of(args[0]), ZipLimits.lambda()).unpack(args[1], Path.of(args[2]));
            System.out.println("unpacked");
        } catch (HearthException e) {
            System.out.println(e.code() + ": " + e.getMessage());
        }
    }

    @Test
    void aNonUtf8LocaleGivesAServiceErrorWithAdvice() throws Exception {
        TestZip zip = new TestZip();
        zip.file("ascii.txt", "fine");
        zip.file("données.txt", "not representable");
        Path file = zip.writeTo(base);
        Path root = base.resolve("cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                PosixLocaleTest.class.getName(), root.toString(), TestZip.sha256(file), file.toString()))
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG"));
        builder.environment().put("LC_ALL", "C");

        Process child = builder.start();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .startsWith("SERVICE: Could not unpack code " + TestZip.sha256(file))
                .endsWith("run Hearth with a UTF-8 locale such as LANG=C.UTF-8 (InvalidPathException)");
        try (var left = Files.list(root)) {
            assertThat(left).isEmpty();
        }
    }
}
