package io.hearth.sandbox;

import io.hearth.model.FunctionVersion;
import io.hearth.model.Invocation;
import io.hearth.model.Outcome;
import io.hearth.model.PlatformErrorType;
import io.hearth.runtimeapi.RuntimeReply;
import io.hearth.runtimeapi.RuntimeSession;
import io.hearth.runtimeapi.SessionClosedException;
import io.hearth.sandbox.isolation.SandboxLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One runtime process bound to one function version for the rest of its life, serving
 * invocations one at a time through its private {@link RuntimeSession}. Bound either at launch,
 * or later (late binding): a GENERIC sandbox of the warming pool has its runtime loaded but no
 * function until {@link #bindAndStart} gives it one. Owns its {@link SandboxState} and its
 * process; a timeout, crash or init failure kills it (the caller replaces it).
 */
public final class Sandbox {
    private static final DateTimeFormatter TIMEOUT_STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final Duration KILL_WAIT = Duration.ofSeconds(2);

    private final String id;
    private volatile FunctionVersion version;   // null while GENERIC
    private final Process process;
    private final RuntimeSession session;
    private final OutputCapture output;
    private final SandboxLifecycle lifecycle;
    private final long launchedNanos;
    private final Runnable onStopped;
    private final SandboxLimits limits;
    private volatile long firstPollNanos = -1;
    private volatile long boundInitNanos = -1;   // how long the late binding took
    private volatile long idleSinceMillis;
    private volatile String exitReason;
    private volatile boolean served;   // has run (or failed to bind for) an invocation
    private volatile boolean busy;
    private int lastPeakMb;
    private long lastPeakReadNanos;
    private final AtomicBoolean stopping = new AtomicBoolean();

    Sandbox(String id, FunctionVersion version, Process process, RuntimeSession session, OutputCapture output,
            long launchedNanos, SandboxLimits limits, Runnable onStopped) {
        this.limits = limits;
        this.id = id;
        this.version = version;
        this.process = process;
        this.session = session;
        this.output = output;
        this.launchedNanos = launchedNanos;
        this.onStopped = onStopped;
        this.lifecycle = new SandboxLifecycle(id, SandboxState.STARTING);
        lifecycle.move(SandboxState.STARTING, version == null ? SandboxState.GENERIC : SandboxState.INITIALIZING);
        session.firstPoll().thenRun(() -> firstPollNanos = System.nanoTime());
        process.onExit().thenRun(this::processExited);
    }

    public String id() {
        return id;
    }

    /** The function version this sandbox serves; null while it is GENERIC (not bound yet). */
    public FunctionVersion version() {
        return version;
    }

    /** Whether an invocation has been handed to this sandbox yet (a pre-warmed one waits for its first). */
    public boolean served() {
        return served;
    }

    /** Whether this is a warming-pool sandbox not bound to a function yet. */
    public boolean generic() {
        return version == null;
    }

    public SandboxState state() {
        return lifecycle.current();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} of this sandbox's session. */
    String apiAddress() {
        return session.apiAddress();
    }

    public long pid() {
        return process.pid();
    }

    /** When this sandbox last finished an invocation (clock millis), for keep-alive decisions. */
    public long idleSinceMillis() {
        return idleSinceMillis;
    }

    void markIdle(long nowMillis) {
        idleSinceMillis = nowMillis;
    }

    /** Runs one invocation and waits for it: {@link #start} then join. */
    public RunResult run(Invocation inv, long timeoutNanos) {
        return start(inv, timeoutNanos).join();
    }

    /**
     * Hands one invocation to the runtime without waiting. The future completes (never
     * exceptionally) on the thread that ends the run: the Runtime API's I/O thread when the
     * runtime answers, the JDK's delay thread at the deadline, the process reaper on a crash.
     * User-code failures are outcomes. Afterwards the sandbox is READY unless the outcome says it
     * was lost (then it is already stopped).
     */
    public CompletableFuture<RunResult> start(Invocation inv, long timeoutNanos) {
        // cold: this invocation waits for the runtime's init (a pre-warmed sandbox is READY already)
        boolean cold = !served && lifecycle.current() == SandboxState.INITIALIZING;
        if (!served) served = true;   // a volatile write only the first time
        lifecycle.move(cold ? SandboxState.INITIALIZING : SandboxState.READY, SandboxState.BUSY);
        busy = true;
        long start = System.nanoTime();
        return session.deliver(inv)
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .handle((reply, failure) -> finish(inv, cold, start, outcome(inv, reply, failure, start)));
    }

    /**
     * Late binding: binds this GENERIC sandbox to {@code v} and runs {@code inv} on it. The
     * runtime gets {@code binding} (the binding document: the function's environment and task
     * root, code already in place), loads the handler and answers; then {@code inv} is delivered.
     * The binding is this invocation's init (its REPORT shows it as Init Duration); a binding the
     * runtime fails ends like a failed init (the sandbox stops, the outcome is the init error).
     * Both phases together are bounded by {@code timeoutNanos}. Completes never exceptionally.
     *
     * @throws IllegalStateException when the sandbox is not GENERIC
     */
    public CompletableFuture<RunResult> bindAndStart(FunctionVersion v, Invocation binding, Invocation inv,
                                                     long timeoutNanos) {
        lifecycle.move(SandboxState.GENERIC, SandboxState.INITIALIZING);
        version = v;
        long start = System.nanoTime();
        try {
            limits.resize(v.config().memoryMb());
        } catch (RuntimeException e) {
            served = true;
            return CompletableFuture.completedFuture(finish(inv, true, start, FunctionErrors.of(
                    PlatformErrorType.UNKNOWN, "RequestId: " + inv.requestId() + " Error: " + e.getMessage(), true)));
        }
        return session.bind(v.name(), binding)
                .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .handle((reply, failure) -> {
                    boundInitNanos = System.nanoTime() - start;
                    if (failure == null && reply instanceof RuntimeReply.Response) {
                        return start(inv, Math.max(1, timeoutNanos - boundInitNanos));
                    }
                    served = true;
                    RuntimeReply asInit = reply instanceof RuntimeReply.Error e
                            ? new RuntimeReply.InitError(e.errorType(), e.body()) : reply;
                    return CompletableFuture.completedFuture(finish(inv, true, start,
                            outcome(inv, asInit, failure, start)));
                })
                .thenCompose(f -> f);
    }

    private RunResult finish(Invocation inv, boolean cold, long start, Outcome outcome) {
        long end = System.nanoTime();
        long init = -1;
        long runStart = start;
        if (cold && boundInitNanos >= 0) {
            init = boundInitNanos;
        } else if (cold && firstPollNanos > 0) {
            init = firstPollNanos - launchedNanos;
            runStart = Math.max(start, firstPollNanos);
        }
        busy = false;
        String printed = output.drain();   // before a stop closes the capture
        int memory = peakMemoryMb(cold);
        if (outcome instanceof Outcome.FunctionError fe && fe.sandboxLost()) {
            stop(fe.errorType());
        } else if (!lifecycle.tryMove(SandboxState.READY)) {
            stop(exitReason != null ? exitReason : "sandbox failed");
        }
        return new RunResult(outcome, printed, end - runStart, cold ? Math.max(init, 0) : -1, memory);
    }

    private Outcome outcome(Invocation inv, RuntimeReply reply, Throwable failure, long start) {
        if (failure == null) {
            return switch (reply) {
                case RuntimeReply.Response r -> new Outcome.Success(r.body());
                case RuntimeReply.Error e -> new Outcome.FunctionError(e.errorType(), e.body(), false);
                case RuntimeReply.InitError e -> new Outcome.FunctionError(e.errorType(), e.body(), true);
                case RuntimeReply.TooLarge t -> FunctionErrors.of(PlatformErrorType.RESPONSE_TOO_LARGE,
                        "Response payload size exceeded maximum allowed payload size (" + t.limitBytes() + " bytes).",
                        false);
            };
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            double seconds = (System.nanoTime() - start) / 1e9;
            return FunctionErrors.of(PlatformErrorType.TIMEDOUT, TIMEOUT_STAMP.format(Instant.now()) + " "
                    + inv.requestId() + " Task timed out after " + String.format(Locale.ROOT, "%.2f", seconds)
                    + " seconds", true);
        }
        if (cause instanceof SessionClosedException && limits.outOfMemory()) {
            return FunctionErrors.of(PlatformErrorType.OUT_OF_MEMORY, "RequestId: " + inv.requestId()
                    + " Error: Runtime exited with error: signal: killed (the function used more than its "
                    + version.config().memoryMb() + " MB of memory)", true);
        }
        if (cause instanceof SessionClosedException) {
            String why = exitReason != null ? exitReason : cause.getMessage();
            return FunctionErrors.of(PlatformErrorType.EXIT_ERROR, "RequestId: " + inv.requestId() + " Error: " + why,
                    true);
        }
        return FunctionErrors.of(PlatformErrorType.UNKNOWN, "RequestId: " + inv.requestId() + " Error: " + cause, true);
    }

    /**
     * Warms the sandbox without an invocation: completes once its runtime first asks for work,
     * the sandbox then READY (its first invocation is not a cold start); completes exceptionally
     * if the runtime fails first.
     */
    public CompletableFuture<Sandbox> warmUp() {
        return session.firstPoll().thenApply(ignored -> {
            if (generic()) return this;   // a generic runtime is up; it stays GENERIC until bound
            lifecycle.move(SandboxState.INITIALIZING, SandboxState.READY);   // throws if it is not waiting
            return this;
        });
    }

    /** Stops the sandbox: kills its process tree and closes its session. Idempotent. */
    public void stop(String reason) {
        if (!stopping.compareAndSet(false, true)) return;
        lifecycle.tryMove(SandboxState.DRAINING);
        kill();
        session.close("sandbox stopped: " + reason);
        lifecycle.tryMove(SandboxState.STOPPED);
        output.close();
        onStopped.run();
    }

    /**
     * Kills the process tree and waits (bounded) until every process of it has ended, so that
     * once a stop returns, say before a timed-out invoke answers, nothing of the sandbox still runs.
     * The tree is {@link SandboxLimits#processes}: the sandbox's cgroup when it has one.
     */
    private void kill() {
        ProcessHandle root = process.toHandle();
        List<ProcessHandle> tree = limits.processes(root).stream()
                .map(pid -> pid == root.pid() ? Optional.of(root) : ProcessHandle.of(pid)).flatMap(Optional::stream).toList();
        for (int i = tree.size() - 1; i >= 0; i--) tree.get(i).destroyForcibly();
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        try {
            for (ProcessHandle p : tree) {
                while (!ProcStatus.ended(p)) {
                    if (System.nanoTime() > deadline) {
                        System.err.println("hearth: process " + p.pid() + " of sandbox " + id + " still runs "
                                + KILL_WAIT.toMillis() + " ms after SIGKILL");
                        return;
                    }
                    Thread.sleep(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The runtime process ended on its own (crash, exit) or was killed. */
    private void processExited() {
        int code = process.exitValue();
        exitReason = code > 128 ? "Runtime exited with error: signal: " + signalName(code - 128)
                : "Runtime exited with error: exit status " + code;
        lifecycle.tryMove(SandboxState.FAILED);
        session.close(exitReason);
        // a run in progress sees the closed session and stops the sandbox itself
        if (!busy) stop(exitReason);
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> "killed";
            case 15 -> "terminated";
            case 11 -> "segmentation fault";
            case 6 -> "aborted";
            default -> "signal " + signal;
        };
    }

    /**
     * Peak RSS so far, read from /proc at a cold start and then at most once a second (a read
     * costs more than the rest of a warm invoke's bookkeeping); after the process died, the last
     * value read.
     */
    private int peakMemoryMb(boolean cold) {
        long now = System.nanoTime();
        if (cold || now - lastPeakReadNanos > 1_000_000_000L) {
            lastPeakReadNanos = now;
            var measured = limits.peakMemoryBytes();
            int peak = measured.isPresent() ? (int) Math.max(1, (measured.getAsLong() + (1 << 20) - 1) >> 20)
                    : ProcStatus.peakRssMb(process.pid());
            if (peak > lastPeakMb) lastPeakMb = peak;
        }
        return lastPeakMb;
    }

    String statusLine() {
        FunctionVersion v = version;
        return id + " " + (v == null ? "generic" : v.sandboxKey()) + " " + lifecycle.current() + " pid=" + process.pid();
    }

}
