package io.hearth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCaptureTest {

    @Test
    void drainsOnlyWhatWasWrittenSinceTheLastDrain(@TempDir Path dir) throws Exception {
        try (var c = new OutputCapture(dir.resolve("sb.log"))) {
            assertThat(c.drain()).isEmpty();
            Files.writeString(c.file(), "one\n", StandardOpenOption.APPEND);
            assertThat(c.drain()).isEqualTo("one\n");
            Files.writeString(c.file(), "two\n", StandardOpenOption.APPEND);
            Files.writeString(c.file(), "three\n", StandardOpenOption.APPEND);
            assertThat(c.drain()).isEqualTo("two\nthree\n");
            assertThat(c.drain()).isEmpty();
        }
        assertThat(dir.resolve("sb.log")).doesNotExist();
    }

    @Test
    void aRealProcessAppendingIsCapturedPerInvocation(@TempDir Path dir) throws Exception {
        try (var c = new OutputCapture(dir.resolve("p.log"))) {
            var p = new ProcessBuilder("sh", "-c", "echo out; echo err >&2")
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(c.file().toFile())).redirectErrorStream(true).start();
            p.waitFor();
            assertThat(c.drain()).contains("out\n", "err\n");
        }
    }

    @Test
    void hugeOutputIsCutAndSaysSo(@TempDir Path dir) throws Exception {
        try (var c = new OutputCapture(dir.resolve("big.log"))) {
            Files.writeString(c.file(), "x".repeat(300 * 1024), StandardOpenOption.APPEND);
            String text = c.drain();
            assertThat(text).contains("more bytes of output not kept");
            assertThat(text.length()).isLessThan(300 * 1024);
        }
    }
}
