package io.hearth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.CodeRef;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.Outcome;
import io.hearth.model.Runtime;
import io.hearth.sandbox.RunResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationLogFormatTest {
    private static final FunctionVersion V = new FunctionVersion("fn", "$LATEST",
            new FunctionConfig(Runtime.PYTHON_3_12, "app.handler", 3, 256, Map.of(), ""),
            new CodeRef("a".repeat(64), 10), "rev", Instant.EPOCH);

    @Test
    void coldStartReportHasInitDuration() {
        var r = new RunResult(new Outcome.Success(new byte[0]), "hello", 1_520_000, 31_200_000, 19);
        String log = InvocationLogFormat.format("req", V, r);
        assertThat(log).isEqualTo("START RequestId: req Version: $LATEST\nhello\nEND RequestId: req\n"
                + "REPORT RequestId: req\tDuration: 1.52 ms\tBilled Duration: 2 ms\tMemory Size: 256 MB\t"
                + "Max Memory Used: 19 MB\tInit Duration: 31.20 ms\t\n");
    }

    @Test
    void warmReportHasNoInitDurationAndBillsAtLeastOneMs() {
        var r = new RunResult(new Outcome.Success(new byte[0]), "", 100_000, -1, 12);
        String log = InvocationLogFormat.format("req", V, r);
        assertThat(log).doesNotContain("Init Duration").contains("Billed Duration: 1 ms")
                .startsWith("START RequestId: req Version: $LATEST\nEND RequestId: req\n");
    }

    @Test
    void tailKeepsTheLast4KbAndNeverSplitsACharacter() {
        String text = "é".repeat(5000);   // 2 bytes each
        String tail = InvocationLogFormat.tail(text);
        assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(tail).matches("é+");
        assertThat(InvocationLogFormat.tail("short")).isEqualTo("short");
    }
}
