package io.hearth.runtimeapi;

import io.hearth.model.Invocation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.http.HttpStatus;

/**
 * One sandbox's private channel on the Runtime API, addressed by an unguessable token. It hands
 * exactly one invocation at a time to the runtime and completes that invocation's future with
 * the runtime's answer. An invocation may be delivered before the runtime first polls (a cold
 * start): it waits here and is answered on the first {@code /next}. The session belongs to one
 * function, to which its key-value calls are attributed, together with the invocation the runtime
 * holds at the time ({@link #currentRequestId}).
 *
 * <p>Locking: one lock guards the three slots below; no I/O happens while it is held (writes to
 * the runtime's connection are non-blocking and made after unlocking). The count of key-value
 * calls in flight is an atomic outside it.
 */
public final class RuntimeSession {
    private final String token;
    private volatile String functionName;
    private final String apiAddress;
    private final SessionRegistry registry;
    private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger kvInFlight = new AtomicInteger();

    private PendingPoll parked;     // a /next waiting for work
    private InFlight queued;        // delivered, not yet taken by the runtime
    private InFlight current;       // taken by the runtime, not yet answered
    private String closedReason;

    private record InFlight(Invocation invocation, boolean binding, CompletableFuture<RuntimeReply> reply) {}

    RuntimeSession(String token, String functionName, String apiAddress, SessionRegistry registry) {
        this.token = token;
        this.functionName = functionName;
        this.apiAddress = apiAddress;
        this.registry = registry;
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} for this session's runtime. */
    public String apiAddress() {
        return apiAddress;
    }

    String token() {
        return token;
    }

    /** The function whose sandbox this session serves (null for a generic sandbox not yet bound). */
    public String functionName() {
        return functionName;
    }

    /** The id of the invocation the runtime holds now (taken by {@code /next}, not yet answered), else null. */
    public String currentRequestId() {
        lock.lock();
        try {
            return current == null ? null : current.invocation.requestId();
        } finally {
            lock.unlock();
        }
    }

    /** Takes one of the session's {@code limit} key-value permits; false when all are in use. */
    boolean enterKv(int limit) {
        if (kvInFlight.incrementAndGet() <= limit) return true;
        kvInFlight.decrementAndGet();
        return false;
    }

    void exitKv() {
        kvInFlight.decrementAndGet();
    }

    /** Completes when the runtime first asks for work (its init is done). */
    public CompletableFuture<Void> firstPoll() {
        return firstPoll;
    }

    /**
     * Hands {@code inv} to the runtime. The future completes with its reply, or exceptionally
     * with {@link SessionClosedException} if the session ends first.
     *
     * @throws IllegalStateException if an invocation is already outstanding
     */
    public CompletableFuture<RuntimeReply> deliver(Invocation inv) {
        return hand(new InFlight(inv, false, new CompletableFuture<>()));
    }

    /**
     * Binds a generic sandbox's runtime to {@code functionName} (late binding): hands it
     * {@code binding}, whose payload is the binding document, marked with the
     * {@code Lambda-Runtime-Hearth-Binding} header. The runtime loads the function and answers
     * it like an invocation (a response when the handler is loaded, an init error otherwise).
     * Key-value calls are attributed to {@code functionName} from now on.
     *
     * @throws IllegalStateException if an invocation is already outstanding
     */
    public CompletableFuture<RuntimeReply> bind(String functionName, Invocation binding) {
        this.functionName = functionName;
        return hand(new InFlight(binding, true, new CompletableFuture<>()));
    }

    private CompletableFuture<RuntimeReply> hand(InFlight flight) {
        Invocation inv = flight.invocation;
        PendingPoll poll;
        lock.lock();
        try {
            if (closedReason != null) {
                flight.reply.completeExceptionally(new SessionClosedException(closedReason));
                return flight.reply;
            }
            if (queued != null || current != null) {
                throw new IllegalStateException("session " + token + " already has an invocation outstanding");
            }
            poll = parked;
            parked = null;
            if (poll == null) {
                queued = flight;
            } else {
                current = flight;
            }
        } finally {
            lock.unlock();
        }
        if (poll != null) poll.answer(inv, flight.binding);
        return flight.reply;
    }

    /** A runtime's {@code /next}: answered now if work is queued, else parked. */
    void poll(PendingPoll poll) {
        InFlight take = null;
        String refusal = null;
        boolean parkedAlready = false;
        lock.lock();
        try {
            if (closedReason != null) {
                refusal = closedReason;
            } else if (current != null) {
                refusal = "runtime asked for a new invocation before answering " + current.invocation.requestId();
            } else if (parked != null) {
                parkedAlready = true;
            } else if (queued != null) {
                take = queued;
                queued = null;
                current = take;
            } else {
                parked = poll;
            }
        } finally {
            lock.unlock();
        }
        firstPoll.complete(null);
        if (refusal != null) {
            poll.refuse(HttpStatus.GONE_410, "Runtime.SessionClosed", refusal);
        } else if (parkedAlready) {
            poll.refuse(HttpStatus.BAD_REQUEST_400, "InvalidRequest", "a /next request is already pending");
        } else if (take != null) {
            poll.answer(take.invocation, take.binding);
        }
    }

    /**
     * Takes the invocation {@code requestId} out of the session, returning the future its answer
     * completes (the caller completes it after acknowledging the runtime); null if it is not the
     * one this runtime holds (unknown, already answered, or another sandbox's).
     */
    CompletableFuture<RuntimeReply> claim(String requestId) {
        lock.lock();
        try {
            if (current == null || !current.invocation.requestId().equals(requestId)) return null;
            var reply = current.reply;
            current = null;
            return reply;
        } finally {
            lock.unlock();
        }
    }

    /** The runtime failed its init: the waiting invocation (if any) gets the error. */
    void initFailed(RuntimeReply.InitError error) {
        InFlight done;
        lock.lock();
        try {
            done = current != null ? current : queued;
            current = null;
            queued = null;
        } finally {
            lock.unlock();
        }
        if (done != null) done.reply.complete(error);
    }

    /** Ends the session: outstanding work fails with {@code reason}; later calls are refused. */
    public void close(String reason) {
        PendingPoll poll;
        InFlight a;
        InFlight b;
        lock.lock();
        try {
            if (closedReason != null) return;
            closedReason = reason;
            poll = parked;
            a = queued;
            b = current;
            parked = null;
            queued = null;
            current = null;
        } finally {
            lock.unlock();
        }
        registry.remove(token);
        if (a != null) a.reply.completeExceptionally(new SessionClosedException(reason));
        if (b != null) b.reply.completeExceptionally(new SessionClosedException(reason));
        if (poll != null) poll.refuse(HttpStatus.GONE_410, "Runtime.SessionClosed", reason);
        firstPoll.completeExceptionally(new SessionClosedException(reason));
    }
}
