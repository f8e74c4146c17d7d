package io.hearth.store;

import static io.hearth.store.Fixtures.T0;
import static io.hearth.store.Fixtures.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.LogEntry;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link LogStore} part of {@link StoreContract}. */
interface LogStoreContract {

    Store store();

    private LogStore logs() {
        return store().logs();
    }

    @Test
    default void byFunctionAnswersNewestFirstUpToTheLimit() {
        List<LogEntry> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) batch.add(log("req-" + i, i % 2 == 0 ? "even" : "odd", T0.plusSeconds(i)));
        logs().append(batch);

        assertThat(logs().byFunction("even", 100)).extracting(LogEntry::requestId)
                .containsExactly("req-8", "req-6", "req-4", "req-2", "req-0");
        assertThat(logs().byFunction("odd", 2)).containsExactly(batch.get(9), batch.get(7));
        assertThat(logs().byFunction("other", 10)).isEmpty();
        assertThat(logs().byFunction("odd", 0)).isEmpty();
        assertThatThrownBy(() -> logs().byFunction("odd", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void byRequestAnswersTheNewestRunOfTheRequest() {
        LogEntry firstRun = log("req-1", "fn", T0);
        LogEntry retry = new LogEntry("req-1", "fn", "$LATEST", T0.plusSeconds(60), "second attempt");
        logs().append(List.of(firstRun));
        logs().append(List.of(retry, log("req-2", "fn", T0)));

        assertThat(logs().byRequest("req-1")).contains(retry);
        assertThat(logs().byRequest("req-2")).contains(log("req-2", "fn", T0));
        assertThat(logs().byRequest("missing")).isEmpty();
    }

    @Test
    default void largeAndMultilineTextRoundTrips() {
        String text = "line\n".repeat(20_000) + "\u2603 \t \"quoted\" 'single' \\ end";
        LogEntry big = new LogEntry("big", "fn", "3", T0, text);
        logs().append(List.of(big));

        assertThat(logs().byRequest("big")).contains(big);
    }

    @Test
    default void deleteOlderThanKeepsEntriesStartedAtOrAfterTheCutoff() {
        logs().append(List.of(log("old-1", "fn", T0.minusSeconds(2)), log("old-2", "fn", T0.minusMillis(1)),
                log("edge", "fn", T0), log("new", "fn", T0.plusSeconds(1))));

        assertThat(logs().deleteOlderThan(T0)).isEqualTo(2);
        assertThat(logs().byFunction("fn", 10)).extracting(LogEntry::requestId).containsExactly("new", "edge");
        assertThat(logs().deleteOlderThan(T0)).isZero();
    }

    @Test
    default void batchWithAnIncompleteEntryIsRefusedWhole() {
        List<LogEntry> batch = List.of(log("good", "fn", T0), new LogEntry("bad", "fn", "$LATEST", T0, null));

        assertThatThrownBy(() -> logs().append(batch)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("text");
        assertThat(logs().byRequest("good")).isEmpty();
        logs().append(List.of());
        assertThat(logs().byFunction("fn", 10)).isEmpty();
    }
}
