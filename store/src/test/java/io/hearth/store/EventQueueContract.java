package io.hearth.store;

import static io.hearth.store.Fixtures.T0;
import static io.hearth.store.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.QueuedEvent;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@link EventQueue} part of {@link StoreContract}. Events are compared field by field (a record
 * holding a byte[] compares it by identity).
 */
interface EventQueueContract {

    Store store();

    private EventQueue events() {
        return store().events();
    }

    static void assertSameEvents(List<QueuedEvent> actual, List<QueuedEvent> expected) {
        SameFields.assertSameList(actual, expected, "payload", QueuedEvent::payload, QueuedEvent::requestId);
    }

    @Test
    default void enqueuedEventRoundTripsEveryField() {
        byte[] payload = new byte[256 * 1024];
        new Random(7).nextBytes(payload);
        QueuedEvent full = new QueuedEvent("req-full", "fn", "prod", payload, "{\"custom\":{\"a\":1}}", 2,
                T0.minusSeconds(5), T0.plusMillis(1));
        QueuedEvent bare = event("req-bare", T0);
        events().enqueue(full);
        events().enqueue(bare);

        assertSameEvents(events().due(T0.plusSeconds(1), 10), List.of(bare, full));
        assertThat(events().size()).isEqualTo(2);
    }

    @Test
    default void dueAnswersOnlyEventsDueByNowOldestNotBeforeFirst() {
        events().enqueue(event("c", T0.plusSeconds(3)));
        events().enqueue(event("a", T0.plusSeconds(1)));
        events().enqueue(event("future", T0.plusSeconds(60)));
        events().enqueue(event("b", T0.plusSeconds(2)));

        assertThat(events().due(T0.plusSeconds(5), 10)).extracting(QueuedEvent::requestId)
                .containsExactly("a", "b", "c");
        assertThat(events().due(T0.plusSeconds(5), 2)).extracting(QueuedEvent::requestId).containsExactly("a", "b");
        assertThat(events().due(T0.plusSeconds(2), 10)).extracting(QueuedEvent::requestId)
                .containsExactly("a", "b");
        assertThat(events().due(T0, 10)).isEmpty();
        assertThat(events().due(T0.plusSeconds(5), 0)).isEmpty();
        assertThat(events().size()).isEqualTo(4);
    }

    @Test
    default void dueRefusesNegativeMaxAndNullNow() {
        assertThatThrownBy(() -> events().due(T0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events().due(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    default void rescheduleUpdatesAttemptsAndNotBefore() {
        QueuedEvent e = event("retry-me", T0);
        events().enqueue(e);
        QueuedEvent retried = e.retryAt(T0.plusSeconds(60));

        events().reschedule(retried);

        assertThat(events().due(T0.plusSeconds(59), 10)).isEmpty();
        assertSameEvents(events().due(T0.plusSeconds(60), 10), List.of(retried));
        assertThat(retried.attempts()).isEqualTo(1);
    }

    @Test
    default void rescheduleOfRemovedEventDoesNotRequeueIt() {
        QueuedEvent e = event("gone", T0);
        events().enqueue(e);
        events().remove("gone");

        events().reschedule(e.retryAt(T0.plusSeconds(1)));

        assertThat(events().size()).isZero();
    }

    @Test
    default void removeDeletesOneEventAndSizeFollows() {
        events().enqueue(event("x", T0));
        events().enqueue(event("y", T0));

        events().remove("x");
        events().remove("not-there");

        assertThat(events().size()).isEqualTo(1);
        assertThat(events().due(T0, 10)).extracting(QueuedEvent::requestId).containsExactly("y");
    }

    @Test
    default void enqueueOfAQueuedRequestIdKeepsTheFirst() {
        QueuedEvent first = event("same", T0);
        events().enqueue(first);
        events().enqueue(event("same", T0.plusSeconds(1)).retryAt(T0.plusSeconds(9)));

        assertThat(events().size()).isEqualTo(1);
        assertSameEvents(events().due(T0.plusSeconds(10), 10), List.of(first));
    }

    @Test
    default void incompleteEventsAreRefused() {
        QueuedEvent noPayload = new QueuedEvent("r", "fn", null, null, null, 0, T0, T0);
        assertThatThrownBy(() -> events().enqueue(noPayload)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("payload");
        assertThatThrownBy(() -> events().enqueue(null)).isInstanceOf(NullPointerException.class);
        assertThat(events().size()).isZero();
    }
}
