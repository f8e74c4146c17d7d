package io.hearth.engine.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.model.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class ReplayLogTest {

    @Test
    void replaysOfOnePriorRunBecomeOneLogEntryPerFlush() {
        var written = new ArrayList<LogEntry>();
        var log = new ReplayLog(written::add);
        Instant t = Instant.parse("2026-11-22T12:00:00Z");
        log.replayed("fn", "$LATEST", "prior-1", "r1", t);
        log.replayed("fn", "$LATEST", "prior-1", "r2", t.plusSeconds(1));
        log.replayed("fn", "$LATEST", "prior-1", "r3", t.plusSeconds(2));
        log.replayed("fn", "$LATEST", "prior-2", "r4", t);
        log.flush();
        assertThat(written).hasSize(2);
        var first = written.stream().filter(e -> e.requestId().equals("r1")).findFirst().orElseThrow();
        assertThat(first.functionName()).isEqualTo("fn");
        assertThat(first.startedAt()).isEqualTo(t);
        assertThat(first.text()).isEqualTo("REPLAY RequestId: r1 Version: $LATEST Replayed: prior-1 (idempotent; "
                + "nothing ran)\nREPLAY and 2 more replays of prior-1 until 2026-11-22T12:00:02Z\n");
        assertThat(written).anySatisfy(e -> assertThat(e.text()).isEqualTo(
                "REPLAY RequestId: r4 Version: $LATEST Replayed: prior-2 (idempotent; nothing ran)\n"));
        log.flush();
        assertThat(written).hasSize(2);   // nothing new
    }
}
