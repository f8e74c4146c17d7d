package io.hearth.store;

import static io.hearth.store.Fixtures.T0;
import static io.hearth.store.Fixtures.decision;
import static io.hearth.store.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.DependencyState;
import io.hearth.model.IdempotencyDecision;
import io.hearth.model.IdempotencyRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@link IdempotencyStore} part of {@link StoreContract}. Records are compared field by field, payloads
 * by content (a record holding a byte[] compares it by identity).
 */
interface IdempotencyStoreContract {

    Store store();

    private IdempotencyStore idempotency() {
        return store().idempotency();
    }

    static void assertSameRecords(List<IdempotencyRecord> actual, List<IdempotencyRecord> expected) {
        SameFields.assertSameList(actual, expected, "payload", IdempotencyRecord::payload,
                IdempotencyRecord::recordKey);
    }

    private List<String> keysOf(String function) {
        return idempotency().list(function, 100).stream().map(IdempotencyRecord::recordKey).toList();
    }

    @Test
    default void idempotencyRecordRoundTripsEveryField() {
        byte[] payload = new byte[64 * 1024];
        new Random(3).nextBytes(payload);
        IdempotencyRecord error = new IdempotencyRecord("fn", "key-error", "req-e", "$LATEST", "Unhandled", payload,
                List.of(new DependencyState("https://example.com/a?b=\"c\"&d", "W/\"etag \u2603\""),
                        new DependencyState("file:/tmp/x y", ""), new DependencyState("kv:ns/k\u00e9y", "17")),
                T0, T0.plusMillis(1));
        IdempotencyRecord bare = new IdempotencyRecord("fn", "key-bare", "req-b", "2", null, new byte[0], List.of(),
                T0.minusSeconds(1), T0.plusSeconds(86_400));
        idempotency().put(error);
        idempotency().put(bare);

        assertSameRecords(idempotency().get("fn", "key-error").stream().toList(), List.of(error));
        assertSameRecords(idempotency().get("fn", "key-bare").stream().toList(), List.of(bare));
        assertThat(idempotency().get("fn", "key-error").orElseThrow().functionError()).isTrue();
        assertThat(idempotency().get("fn", "missing")).isEmpty();
        assertThat(idempotency().get("other", "key-bare")).isEmpty();
    }

    @Test
    default void putReplacesTheRecordWithTheSameFunctionAndKey() {
        idempotency().put(record("fn", "k", T0));
        idempotency().put(record("other", "k", T0));
        IdempotencyRecord newer = new IdempotencyRecord("fn", "k", "req-new", "4", "Handled", new byte[] {1, 2},
                List.of(new DependencyState("code:x", "y")), T0.plusSeconds(9), T0.plusSeconds(99));

        idempotency().put(newer);

        assertThat(idempotency().count("fn")).isEqualTo(1);
        assertSameRecords(idempotency().get("fn", "k").stream().toList(), List.of(newer));
        assertSameRecords(idempotency().get("other", "k").stream().toList(), List.of(record("other", "k", T0)));
    }

    @Test
    default void listAnswersNewestFirstTiesByRecordKeyUpToTheLimit() {
        List<IdempotencyRecord> records = List.of(record("fn", "old", T0), record("fn", "new", T0.plusSeconds(2)),
                record("fn", "tie-a", T0.plusSeconds(1)), record("fn", "tie-b", T0.plusSeconds(1)),
                record("other", "x", T0.plusSeconds(5)));
        records.forEach(idempotency()::put);

        assertThat(keysOf("fn")).containsExactly("new", "tie-b", "tie-a", "old");
        assertSameRecords(idempotency().list("fn", 2), List.of(records.get(1), records.get(3)));
        assertThat(idempotency().list("fn", 0)).isEmpty();
        assertThat(idempotency().list("nobody", 10)).isEmpty();
        assertThatThrownBy(() -> idempotency().list("fn", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void countAndPurgeConcernOneFunction() {
        for (int i = 0; i < 3; i++) idempotency().put(record("fn", "k" + i, T0));
        idempotency().put(record("other", "k0", T0));

        assertThat(idempotency().count("fn")).isEqualTo(3);
        assertThat(idempotency().purge("fn")).isEqualTo(3);
        assertThat(idempotency().count("fn")).isZero();
        assertThat(idempotency().purge("fn")).isZero();
        assertThat(idempotency().count("other")).isEqualTo(1);
    }

    @Test
    default void deleteExpiredRemovesRecordsExpiringAtOrBeforeNow() {
        idempotency().put(record("fn", "gone", T0.minusSeconds(3601)));
        idempotency().put(record("fn", "edge", T0.minusSeconds(3600)));
        idempotency().put(record("fn", "kept", T0.minusSeconds(3599)));
        idempotency().put(record("other", "edge", T0.minusSeconds(3600)));

        assertThat(idempotency().deleteExpired(T0)).isEqualTo(3);
        assertThat(keysOf("fn")).containsExactly("kept");
        assertThat(idempotency().count("other")).isZero();
        assertThat(idempotency().deleteExpired(T0)).isZero();
    }

    @Test
    default void trimKeepsTheNewestRecordsOfOneFunction() {
        for (int i = 0; i < 5; i++) idempotency().put(record("fn", "k" + i, T0.plusSeconds(i)));
        idempotency().put(record("fn", "tie-a", T0.plusSeconds(3)));
        idempotency().put(record("other", "k0", T0));
        List<IdempotencyRecord> newestThree = idempotency().list("fn", 3);

        assertThat(idempotency().trim("fn", 3)).isEqualTo(3);
        assertSameRecords(idempotency().list("fn", 100), newestThree);
        assertThat(keysOf("fn")).containsExactly("k4", "tie-a", "k3");
        assertThat(idempotency().trim("fn", 10)).isZero();
        assertThat(idempotency().trim("fn", 0)).isEqualTo(3);
        assertThat(idempotency().count("fn")).isZero();
        assertThat(idempotency().count("other")).isEqualTo(1);
        assertThatThrownBy(() -> idempotency().trim("fn", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void explainedDecisionsAreReadBackByRequestAndByFunction() {
        IdempotencyDecision replay = new IdempotencyDecision("req-2", "fn", true, "req-1", null, T0.plusSeconds(1));
        IdempotencyDecision ran = new IdempotencyDecision("req-3", "fn", false, null, "kv:prices changed 4\u21925",
                T0.plusSeconds(2));
        List<IdempotencyDecision> batch = List.of(decision("req-1", "fn", T0), replay, ran,
                decision("req-x", "other", T0.plusSeconds(9)));
        idempotency().explain(batch);

        assertThat(idempotency().decision("req-2")).contains(replay);
        assertThat(idempotency().decision("req-3")).contains(ran);
        assertThat(idempotency().decision("missing")).isEmpty();
        assertThat(idempotency().decisions("fn", 10)).containsExactly(ran, replay, batch.getFirst());
        assertThat(idempotency().decisions("fn", 1)).containsExactly(ran);
        assertThat(idempotency().decisions("fn", 0)).isEmpty();
        assertThatThrownBy(() -> idempotency().decisions("fn", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void decisionAnswersTheNewestOfARequestDecidedAgain() {
        IdempotencyDecision first = decision("req-1", "fn", T0);
        IdempotencyDecision again = new IdempotencyDecision("req-1", "fn", true, "req-0", null, T0.plusSeconds(30));
        idempotency().explain(List.of(first));
        idempotency().explain(List.of(again, decision("req-2", "fn", T0.plusSeconds(30))));

        assertThat(idempotency().decision("req-1")).contains(again);
        assertThat(idempotency().decisions("fn", 10)).containsExactly(decision("req-2", "fn", T0.plusSeconds(30)),
                again, first);
    }

    @Test
    default void largeBatchesOfDecisionsAreStoredWhole() {
        List<IdempotencyDecision> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) batch.add(decision("req-" + i, "fn", T0.plusMillis(i)));
        idempotency().explain(batch);

        assertThat(idempotency().decisions("fn", 2000)).hasSize(1000).first().isEqualTo(batch.getLast());
    }

    @Test
    default void deleteDecisionsOlderThanKeepsThoseDecidedAtOrAfterTheCutoff() {
        idempotency().explain(List.of(decision("old", "fn", T0.minusMillis(1)), decision("edge", "fn", T0),
                decision("new", "other", T0.plusSeconds(1))));

        assertThat(idempotency().deleteDecisionsOlderThan(T0)).isEqualTo(1);
        assertThat(idempotency().decision("old")).isEmpty();
        assertThat(idempotency().decision("edge")).isPresent();
        assertThat(idempotency().deleteDecisionsOlderThan(T0)).isZero();
    }

    @Test
    default void aBatchWithAnIncompleteDecisionIsRefusedWhole() {
        List<IdempotencyDecision> batch = List.of(decision("good", "fn", T0),
                new IdempotencyDecision("bad", "fn", false, null, "no prior record", null));

        assertThatThrownBy(() -> idempotency().explain(batch)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("decidedAt");
        assertThat(idempotency().decision("good")).isEmpty();
        idempotency().explain(List.of());
        assertThat(idempotency().decisions("fn", 10)).isEmpty();
    }

    @Test
    default void idempotencyRefusesNullArguments() {
        assertThatThrownBy(() -> idempotency().put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> idempotency().get("fn", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> idempotency().deleteExpired(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> idempotency().explain(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> idempotency().decision(null)).isInstanceOf(NullPointerException.class);
    }
}
