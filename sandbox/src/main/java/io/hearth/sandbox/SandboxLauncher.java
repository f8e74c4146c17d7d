package io.hearth.sandbox;

import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.model.Invocation;
import io.hearth.model.PlatformErrorType;
import io.hearth.model.Runtime;
import io.hearth.runtimeapi.RuntimeApiServer;
import io.hearth.runtimeapi.RuntimeSession;
import io.hearth.sandbox.code.TreeLinks;
import io.hearth.sandbox.isolation.Isolation;
import io.hearth.sandbox.isolation.IsolationLevel;
import io.hearth.sandbox.isolation.LaunchPlan;
import io.hearth.sandbox.isolation.NetworkAccess;
import io.hearth.sandbox.isolation.ProcessRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts runtime processes: opens a Runtime API session, starts the command with Lambda's
 * environment in the code directory, output appended to a per-sandbox file, and registers the
 * sandbox with the {@link SandboxFleet}. The process is bound to its function from the start, or
 * (a generic one, for the warming pool) later, by a binding this launcher prepares.
 * The {@link Isolation} decides the real command line (none: the runtime as it is; namespaces:
 * inside a bubblewrap sandbox with cgroup limits, released when the process is gone) and the
 * sandbox's network: one with {@link NetworkAccess#OUTBOUND} gets it attached right after its
 * process starts, or the launch fails; it is released with the limits. Without isolation the
 * network setting cannot be enforced (every process has the host's network): said once, at the
 * first launch.
 */
public final class SandboxLauncher {
    private static final File DEV_NULL = new File("/dev/null");
    private final RuntimeApiServer runtimeApi;
    private final SandboxFleet fleet;
    private final Isolation isolation;
    private final AtomicLong counter = new AtomicLong();
    private final AtomicBoolean unenforcedNetworkSaid = new AtomicBoolean();
    private final String idPrefix = Long.toHexString(System.currentTimeMillis() & 0xffffffL);

    /** A launcher whose sandboxes are not isolated ({@link Isolation#none()}). */
    public SandboxLauncher(RuntimeApiServer runtimeApi, SandboxFleet fleet) {
        this(runtimeApi, fleet, Isolation.none());
    }

    public SandboxLauncher(RuntimeApiServer runtimeApi, SandboxFleet fleet, Isolation isolation) {
        this.runtimeApi = runtimeApi;
        this.fleet = fleet;
        this.isolation = isolation;
    }

    /**
     * Starts a sandbox for {@code version}; it initialises while the caller hands it work.
     *
     * @throws SandboxStartException when the runtime cannot be started
     * @throws HearthException (ServiceException) when its network ({@link LaunchSpec#network()})
     *                         cannot be given
     */
    public Sandbox launch(FunctionVersion version, LaunchSpec spec) {
        if (isolation.level() == IsolationLevel.NONE && unenforcedNetworkSaid.compareAndSet(false, true)) {
            System.err.println("hearth: --isolation none: a function's network setting (hearth:network none or "
                    + "outbound) cannot be enforced; every function has the host's network, loopback included");
        }
        String id = newId();
        var session = runtimeApi.open(version.name());
        return spawn(id, version, session, spec.command(), () -> new ProcessRequest(id, spec.command(), spec.codeDir(),
                spec.runtimeDir(), SandboxEnvironment.build(version, spec, session.apiAddress(), id),
                version.config().memoryMb(), version.config().runtime().family() != Runtime.Family.PROVIDED,
                spec.network()));
    }

    /**
     * Starts a generic sandbox for the warming pool: {@code command} (a runtime that supports late
     * binding, see {@link BindingDocument}) loaded with no function, an empty code slot as its
     * code directory, and {@code memoryMb} until it is bound ({@link #binding}). It has no network
     * ({@link NetworkAccess#NONE}): only functions without network may be bound to it.
     */
    public Sandbox launchGeneric(List<String> command, Path runtimeDir, String region, int memoryMb) {
        String id = newId();
        var session = runtimeApi.openUnbound();
        Path slot;
        try {
            slot = fleet.createSlot(id);
        } catch (IOException e) {
            session.close("no code slot");
            throw new IllegalStateException("cannot create the code slot of " + id + ": " + e.getMessage(), e);
        }
        try {
            return spawn(id, null, session, command, () -> new ProcessRequest(id, command, slot, runtimeDir,
                    SandboxEnvironment.generic(slot, runtimeDir, region, session.apiAddress()), memoryMb, true));
        } catch (RuntimeException e) {
            removeSlot(slot);
            throw e;
        }
    }

    /**
     * Prepares the late binding of generic {@code sandbox} to {@code version}: places the code of
     * {@code spec} where the sandbox sees it and returns the binding to hand it
     * ({@link Sandbox#bindAndStart}), under request id {@code bindingId}.
     *
     * @throws IOException when the code cannot be placed
     * @throws IllegalArgumentException when {@code spec} asks for network, which a generic sandbox lacks
     */
    public Invocation binding(Sandbox sandbox, FunctionVersion version, LaunchSpec spec, String bindingId,
                              long deadlineEpochMs) throws IOException {
        if (spec.network() != NetworkAccess.NONE) {
            throw new IllegalArgumentException("a generic sandbox has no network: " + version.name()
                    + " (network " + spec.network().id() + ") must be launched for itself");
        }
        String taskRoot = isolation.placeCode(spec.codeDir(), fleet.slot(sandbox.id()));
        var env = isolation.environmentInside(SandboxEnvironment.build(version, spec, sandbox.apiAddress(),
                sandbox.id()));
        byte[] document = new BindingDocument(env, taskRoot, version.config().handler()).toJson();
        return new Invocation(bindingId, version, "", document, deadlineEpochMs, "Root=" + bindingId, null, null);
    }

    private String newId() {
        return "sb-" + idPrefix + "-" + counter.incrementAndGet();
    }

    private static void removeSlot(Path slot) {
        try {
            TreeLinks.remove(slot);
        } catch (IOException e) {
            System.err.println("hearth: cannot remove code slot " + slot + ": " + e);
        }
    }

    private interface RequestSource {
        ProcessRequest request();
    }

    private Sandbox spawn(String id, FunctionVersion version, RuntimeSession session, List<String> command,
                          RequestSource requests) {
        var output = new OutputCapture(fleet.outputFile(id));
        LaunchPlan plan;
        Process process;
        long launched;
        try {
            plan = isolation.plan(requests.request());
            var pb = new ProcessBuilder(plan.command())
                    .directory(plan.directory().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.file().toFile()))
                    .redirectErrorStream(true);
            var env = pb.environment();
            env.clear();
            env.putAll(plan.environment());
            launched = System.nanoTime();
            try {
                process = isolation.start(pb);
            } catch (IOException | RuntimeException e) {
                plan.limits().release();
                throw e;
            }
            attachNetwork(id, plan, process);
        } catch (IOException e) {
            session.close("runtime did not start");
            output.close();
            throw new SandboxStartException(PlatformErrorType.INVALID_ENTRYPOINT,
                    "Couldn't find valid bootstrap(s): " + describe(command.getFirst()) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            session.close("runtime did not start");
            output.close();
            throw e;
        }
        process.onExit().thenRun(() -> {
            plan.network().release();
            plan.limits().release();
        });
        var holder = new Sandbox[1];
        var sandbox = new Sandbox(id, version, process, session, output, launched, plan.limits(),
                () -> fleet.stopped(holder[0]));
        holder[0] = sandbox;
        fleet.started(sandbox);
        return sandbox;
    }

    /**
     * Connects the sandbox's network now that its process runs; on failure stops the process,
     * releases what was made for it and says why (a platform failure, not the function's).
     */
    private static void attachNetwork(String id, LaunchPlan plan, Process process) {
        try {
            plan.network().attach(process, plan.limits());
        } catch (IOException | RuntimeException e) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            plan.network().release();
            process.onExit().thenRun(plan.limits()::release);
            throw new HearthException(ErrorCode.SERVICE, "Cannot connect the network of sandbox " + id + ": "
                    + e.getMessage(), Map.of(), e);
        }
    }

    private static String describe(String executable) {
        return Path.of(executable).getFileName().toString();
    }
}
