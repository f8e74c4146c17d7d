package io.hearth.store;

import static io.hearth.store.Fixtures.T0;
import static io.hearth.store.Fixtures.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.IdempotencyDecision;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AsyncDecisionWriter} into a real SQLite store. The batching mechanism it shares with
 * {@link AsyncLogWriter} ({@link BatchingWriter}) is tested in depth by {@link AsyncLogWriterTest}.
 */
class AsyncDecisionWriterTest {
    @TempDir
    Path tmp;

    private static List<IdempotencyDecision> decisions(int n) {
        return IntStream.range(0, n).mapToObj(i -> decision("req-" + i, "fn", T0.plusMillis(i))).toList();
    }

    @Test
    void flushWaitsUntilEverySubmittedDecisionIsStored() {
        List<IdempotencyDecision> submitted = decisions(700);
        try (Store store = Stores.sqlite(tmp);
             AsyncDecisionWriter writer = new AsyncDecisionWriter(store.idempotency())) {
            submitted.forEach(writer::submit);
            writer.flush();

            assertThat(store.idempotency().decisions("fn", 1000)).containsExactlyElementsOf(submitted.reversed());
            assertThat(writer.droppedCount()).isZero();
        }
    }

    @Test
    void closeStoresWhatWasSubmittedAndLaterDecisionsAreDropped() {
        try (Store store = Stores.sqlite(tmp)) {
            AsyncDecisionWriter writer = new AsyncDecisionWriter(store.idempotency());
            decisions(10).forEach(writer::submit);
            writer.close();

            writer.submit(decision("late", "fn", T0));
            writer.close();

            assertThat(store.idempotency().decisions("fn", 100)).hasSize(10);
            assertThat(store.idempotency().decision("late")).isEmpty();
            assertThat(writer.droppedCount()).isEqualTo(1);
        }
    }

    @Test
    void aFailedBatchIsReportedOnStderrNamingTheWriterAndWhatWasLost() {
        Store store = Stores.sqlite(tmp);
        store.close();
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (AsyncDecisionWriter writer = new AsyncDecisionWriter(store.idempotency())) {
            decisions(3).forEach(writer::submit);
            writer.flush();
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("hearth-decision-writer: lost 3 idempotency decisions")
                .contains("The store failed to append 3 idempotency decisions");
    }

    @Test
    void incompleteDecisionsAreRefusedAtSubmit() {
        try (Store store = Stores.sqlite(tmp);
             AsyncDecisionWriter writer = new AsyncDecisionWriter(store.idempotency())) {
            assertThatThrownBy(() -> writer.submit(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> writer.submit(new IdempotencyDecision("r", null, true, "p", null, T0)))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("functionName");
            assertThatThrownBy(() -> new AsyncDecisionWriter(null)).isInstanceOf(NullPointerException.class);
            assertThat(writer.droppedCount()).isZero();
        }
    }
}
