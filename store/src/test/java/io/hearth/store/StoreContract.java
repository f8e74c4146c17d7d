package io.hearth.store;

import static io.hearth.store.Fixtures.T0;
import static io.hearth.store.Fixtures.decision;
import static io.hearth.store.Fixtures.event;
import static io.hearth.store.Fixtures.function;
import static io.hearth.store.Fixtures.log;
import static io.hearth.store.Fixtures.record;
import static io.hearth.store.Fixtures.routed;
import static io.hearth.store.Fixtures.version;
import static io.hearth.store.Fixtures.withDescription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.AliasRecord;
import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionRecord;
import io.hearth.model.HearthException;
import io.hearth.model.IdempotencyDecision;
import io.hearth.model.IdempotencyRecord;
import io.hearth.model.LogEntry;
import io.hearth.model.QueuedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Store} implementation passes: the function, version, alias, reserved- and
 * provisioned-concurrency, event-queue, log, key-value and idempotency parts and the upgrade of an older schema
 * (mixed in from their contract interfaces),
 * durability across close and reopen, and concurrent writers. A subclass says how to open a store over its
 * test's storage, dating by {@link #clock()}, and how to make storage at an older schema; each test starts from
 * empty storage.
 */
abstract class StoreContract implements FunctionStoreContract, VersionStoreContract, AliasStoreContract,
        ConcurrencyStoreContract, ProvisionedStoreContract, EventQueueContract, LogStoreContract, KvStoreContract,
        IdempotencyStoreContract, SchemaUpgradeContract {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 5;

    private final ManualClock clock = new ManualClock(T0);
    private Store store;

    /** Opens a store over this test's storage, dating by {@link #clock()}; called again by tests that reopen it. */
    protected abstract Store open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public ManualClock clock() {
        return clock;
    }

    @Override
    public void reopen() {
        store.close();
        store = open();
    }

    @Test
    void functionsQueuedEventsAndLogsSurviveCloseAndReopen() {
        FunctionRecord f = function("durable", "rev-1", 1);
        QueuedEvent e = event("queued", T0).retryAt(T0.plusSeconds(30));
        LogEntry l = log("logged", "durable", T0);
        store.functions().create(f);
        store.events().enqueue(e);
        store.logs().append(List.of(l));

        store.close();
        store = open();

        assertThat(store.functions().get("durable")).contains(f);
        EventQueueContract.assertSameEvents(store.events().due(T0.plusSeconds(30), 10), List.of(e));
        assertThat(store.logs().byRequest("logged")).contains(l);
    }

    @Test
    void keysAndIdempotencyRecordsAndDecisionsSurviveCloseAndReopen() {
        store.kv().put("ns", "live", new byte[] {1, 2, 3});
        store.kv().put("ns", "dead", new byte[] {4});
        store.kv().delete("ns", "dead");
        IdempotencyRecord r = record("fn", "key", T0);
        IdempotencyDecision d = decision("req-key", "fn", T0);
        store.idempotency().put(r);
        store.idempotency().explain(List.of(d));

        store.close();
        store = open();

        KvStoreContract.assertEntry(store.kv().get("ns", "live").orElseThrow(), "ns", "live", new byte[] {1, 2, 3}, 1);
        assertThat(store.kv().get("ns", "dead")).isEmpty();
        assertThat(store.kv().version("ns", "dead")).isEqualTo(2);
        assertThat(store.kv().put("ns", "dead", new byte[] {5})).isEqualTo(3);
        IdempotencyStoreContract.assertSameRecords(store.idempotency().list("fn", 10), List.of(r));
        assertThat(store.idempotency().decision("req-key")).contains(d);
    }

    @Test
    void versionsAndAliasesSurviveCloseAndReopen() {
        store.functions().create(function("durable", "rev-1", 1));
        IntStream.rangeClosed(1, 11).forEach(n -> store.functions().publish(version("durable", n)));
        AliasRecord live = routed("durable", "live", "11", "10", 0.2);
        store.aliases().create(live);

        store.close();
        store = open();

        assertThat(store.functions().versions("durable")).hasSize(11).endsWith(version("durable", 10),
                version("durable", 11));
        assertThat(store.functions().lastVersionNumber("durable")).isEqualTo(11);
        assertThat(store.aliases().list("durable")).containsExactly(live);
    }

    @Test
    void reservationsSurviveCloseAndReopen() {
        store.functions().create(function("reserved", "rev-1", 1));
        store.functions().create(function("throttled", "rev-1", 1));
        store.functions().create(function("free", "rev-1", 1));
        store.concurrency().put("reserved", 25);
        store.concurrency().put("throttled", 0);

        store.close();
        store = open();

        assertThat(store.concurrency().get("reserved")).isEqualTo(OptionalInt.of(25));
        assertThat(store.concurrency().get("free")).isEmpty();
        assertThat(store.concurrency().all()).containsExactly(Map.entry("reserved", 25), Map.entry("throttled", 0));
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseIsAServiceError() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.functions().count())
                .isInstanceOfSatisfying(HearthException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE));
        store = open();
    }

    @Test
    void sixteenConcurrentWritersAllSucceedAndCompareAndSetLosesNoUpdate() throws Exception {
        FunctionRecord counter = withDescription(function("counter", "rev-0", 1), "0", "rev-0");
        store.functions().create(counter);
        Concurrently.run(THREADS, this::writeAsOneThread);

        assertThat(store.functions().count()).isEqualTo(THREADS * PER_THREAD + 1);
        assertThat(store.events().size()).isEqualTo(THREADS * PER_THREAD);
        assertThat(store.logs().byFunction("busy", 1000)).hasSize(THREADS * PER_THREAD);
        assertThat(store.functions().get("counter").orElseThrow().latest().config().description())
                .isEqualTo(Integer.toString(THREADS * PER_THREAD));
    }

    private void writeAsOneThread(int thread) {
        List<LogEntry> logs = new ArrayList<>();
        for (int i = 0; i < PER_THREAD; i++) {
            String id = "t" + thread + "-" + i;
            store.functions().create(function("f-" + id, "rev", i));
            store.events().enqueue(event(id, T0.plusMillis(i)));
            logs.add(log(id, "busy", T0.plusMillis(thread * 100L + i)));
            incrementCounter();
        }
        store.logs().append(logs);
    }

    /** Read, increment, compare-and-set; retried until this thread's write wins once. */
    private void incrementCounter() {
        while (true) {
            FunctionRecord current = store.functions().get("counter").orElseThrow();
            String revision = current.latest().revisionId();
            int value = Integer.parseInt(current.latest().config().description());
            String next = Integer.toString(value + 1);
            if (store.functions().replace(withDescription(current, next, "rev-" + next), revision)) return;
        }
    }
}
