package io.hearth.engine;

import io.hearth.model.FunctionRef;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.model.Outcome;
import io.hearth.model.QueuedEvent;
import io.hearth.store.EventQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs accepted Event invocations from the durable queue. One virtual thread polls for due
 * events and starts each on its own virtual thread only when an admission permit is free, so a
 * busy node holds events in the queue rather than dropping or over-admitting them. A function
 * error is retried after each configured delay (Lambda: 1 min, then 2 min); a platform failure is
 * retried without consuming an attempt. An event leaves the queue only once finished, so a crash
 * re-runs it after restart (at-least-once, as Lambda).
 */
final class EventDispatcher implements AutoCloseable {
    private static final int BATCH = 64;
    private static final long IDLE_POLL_MS = 250;

    private final EventQueue queue;
    private final FunctionRegistry registry;
    private final Admission admission;
    private final Invoker invoker;
    private final Clock clock;
    private final List<Duration> retryDelays;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread loop;

    EventDispatcher(EventQueue queue, FunctionRegistry registry, Admission admission, Invoker invoker, Clock clock,
                    List<Duration> retryDelays) {
        this.queue = queue;
        this.registry = registry;
        this.admission = admission;
        this.invoker = invoker;
        this.clock = clock;
        this.retryDelays = retryDelays;
    }

    /** Durably accepts an event for an existing function; returns its request id. */
    String enqueue(FunctionRef ref, byte[] payload, String clientContext) {
        FunctionVersion v = registry.resolve(ref);
        String id = RequestIds.newRequestId();
        Instant now = clock.instant();
        queue.enqueue(new QueuedEvent(id, v.name(), ref.qualifier().orElse(null), payload, clientContext, 0, now, now));
        wake.release();
        return id;
    }

    void start() {
        running = true;
        loop = Thread.ofVirtual().name("event-dispatcher").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                dispatchDue();
                wake.tryAcquire(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.err.println("hearth: event dispatcher: " + e);
                sleepQuietly();
            }
        }
    }

    private void dispatchDue() {
        for (QueuedEvent e : queue.due(clock.instant(), BATCH)) {
            if (inFlight.contains(e.requestId())) continue;
            Admission.Permit permit = admission.tryAcquire(e.functionName());
            if (permit == null) continue;   // its pool is full (or reserved at 0): the event waits in the queue
            inFlight.add(e.requestId());
            Thread.ofVirtual().name("event-" + e.requestId()).start(() -> runOne(e, permit));
        }
    }

    private void runOne(QueuedEvent e, Admission.Permit permit) {
        try {
            Optional<FunctionVersion> v = resolve(e);
            if (v.isEmpty()) {
                System.err.println("hearth: event " + e.requestId() + " dropped: function " + e.functionName()
                        + " no longer exists");
                queue.remove(e.requestId());
                return;
            }
            var ran = invoker.runEvent(v.get(), FunctionRef.isAlias(e.qualifier()) ? e.qualifier() : null, e.requestId(), e.qualifier() != null,
                    e.payload(), e.clientContext());
            if (ran.outcome() instanceof Outcome.Success || e.attempts() >= retryDelays.size()) {
                if (ran.outcome() instanceof Outcome.FunctionError fe) {
                    System.err.println("hearth: event " + e.requestId() + " for " + e.functionName() + " failed after "
                            + (e.attempts() + 1) + " attempts (" + fe.errorType() + "); discarded");
                }
                queue.remove(e.requestId());
            } else {
                queue.reschedule(e.retryAt(clock.instant().plus(retryDelays.get(e.attempts()))));
            }
        } catch (RuntimeException ex) {
            System.err.println("hearth: event " + e.requestId() + " hit a platform error, retrying: " + ex);
            queue.reschedule(new QueuedEvent(e.requestId(), e.functionName(), e.qualifier(), e.payload(),
                    e.clientContext(), e.attempts(), e.enqueuedAt(), clock.instant().plusSeconds(1)));
        } finally {
            permit.release();
            inFlight.remove(e.requestId());
            wake.release();
        }
    }

    private Optional<FunctionVersion> resolve(QueuedEvent e) {
        try {
            return Optional.of(registry.resolve(FunctionRef.parse(e.functionName(), e.qualifier())));
        } catch (HearthException notFound) {
            return Optional.empty();
        }
    }

    int inFlight() {
        return inFlight.size();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(IDLE_POLL_MS);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(2000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
