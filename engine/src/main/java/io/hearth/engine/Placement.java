package io.hearth.engine;

import io.hearth.model.FunctionVersion;
import io.hearth.model.Invocation;
import io.hearth.model.Runtime;
import io.hearth.sandbox.ActivePool;
import io.hearth.sandbox.LaunchSpec;
import io.hearth.sandbox.RunResult;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxFleet;
import io.hearth.sandbox.SandboxLauncher;
import io.hearth.sandbox.code.CodeCache;
import io.hearth.sandbox.isolation.NetworkAccess;
import io.hearth.sandbox.runtimes.RuntimeLaunchers;
import io.hearth.store.CodeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Finds the sandbox an invocation runs in: a warm idle one of the same version (most recently
 * used first), else a generic one of the warming pool bound to it, else a new one started for it.
 * Before starting one at the node's sandbox limit it evicts a waiting pool sandbox, else the least
 * recently used idle sandbox of any function. Admission guarantees that the busy ones alone never
 * exceed the limit, so there is always an idle one to evict. {@link #startWarm} is the one way
 * sandboxes are started ahead of an invocation (deploy handovers, pre-warming, provisioned
 * concurrency).
 */
final class Placement {
    private final ActivePool pool;
    private final SandboxLauncher launcher;
    private final SandboxFleet fleet;
    private final RuntimeLaunchers runtimes;
    private final CodeCache codeCache;
    private final CodeStore codeStore;
    private final Path runtimeDir;
    private final String region;
    private final int maxSandboxes;
    private final Function<FunctionVersion, NetworkAccess> network;
    private volatile WarmingPool warming = WarmingPool.EMPTY;

    /** {@code network}: a function's network setting now (its {@code hearth:network} tag), read at each launch. */
    Placement(ActivePool pool, SandboxLauncher launcher, SandboxFleet fleet, RuntimeLaunchers runtimes,
              CodeCache codeCache, CodeStore codeStore, Path runtimeDir, String region, int maxSandboxes,
              Function<FunctionVersion, NetworkAccess> network) {
        this.pool = pool;
        this.launcher = launcher;
        this.fleet = fleet;
        this.runtimes = runtimes;
        this.codeCache = codeCache;
        this.codeStore = codeStore;
        this.runtimeDir = runtimeDir;
        this.region = region;
        this.maxSandboxes = maxSandboxes;
        this.network = network;
    }

    /** Memory a generic sandbox starts with (its cgroup's limit until it is bound to a function). */
    static final int GENERIC_MEMORY_MB = 128;
    /** How long a sandbox started ahead of demand may take to initialise before it is given up. */
    static final long WARM_UP_LIMIT_SECONDS = 60;

    private final Executor warmStarts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("warm-start-", 0)
            .factory());

    /** Uses {@code pool} for cold starts from now on (set once, while the engine starts). */
    void useWarmingPool(WarmingPool pool) {
        this.warming = pool;
    }

    /** A warm sandbox of {@code v}, or null. */
    Sandbox warm(FunctionVersion v) {
        return pool.take(v.sandboxKey());
    }

    /** Starts a new sandbox bound to {@code v}, with the network the function has now. */
    Sandbox launch(FunctionVersion v) {
        makeRoom();
        Path code = codeDir(v);
        return launcher.launch(v, new LaunchSpec(runtimes.commandFor(v.config().runtime(), code,
                v.config().memoryMb()), code, runtimeDir, region, network.apply(v)));
    }

    /**
     * Starts a sandbox of {@code v} ahead of demand, on a virtual thread: completes with it once
     * its runtime has initialised (READY, owned by the caller), or exceptionally when it could not
     * start or did not initialise within {@link #WARM_UP_LIMIT_SECONDS} (it is stopped then).
     */
    CompletableFuture<Sandbox> startWarm(FunctionVersion v) {
        return CompletableFuture.supplyAsync(() -> launch(v), warmStarts)
                .thenCompose(s -> s.warmUp().orTimeout(WARM_UP_LIMIT_SECONDS, TimeUnit.SECONDS)
                        .whenComplete((ready, failure) -> {
                            if (failure != null) s.stop("did not initialise");
                        }));
    }

    /** Stops idle sandboxes (waiting generic ones first, then the least recently used) until one more fits. */
    private void makeRoom() {
        while (fleet.size() >= maxSandboxes) {
            Sandbox victim = warming.evictOne();
            if (victim == null) victim = pool.evictOldest();
            if (victim == null) break;
            victim.stop("evicted to make room");
        }
    }

    /** How many more sandboxes the node may start now. */
    int room() {
        return maxSandboxes - fleet.size();
    }

    /**
     * Starts a generic sandbox of warming-pool lane {@code lane}: a family sized at start (java)
     * starts with the lane's memory (heap and cgroup limit); the others with
     * {@link #GENERIC_MEMORY_MB} until bound.
     */
    Sandbox launchGeneric(WarmingPool.Key lane) {
        int memoryMb = lane.memoryMb() > 0 ? lane.memoryMb() : GENERIC_MEMORY_MB;
        List<String> command = runtimes.genericCommand(lane.family(), memoryMb).orElseThrow(
                () -> new IllegalStateException("no runtime for " + lane));
        return launcher.launchGeneric(command, runtimeDir, region, memoryMb);
    }

    /**
     * The warming-pool lanes kept at the minimum on this host: one per runtime family whose
     * sandboxes can wait in the pool, a family sized at start once per size of {@code sizedLanes}.
     */
    List<WarmingPool.Key> keptLanes(List<Integer> sizedLanes) {
        var lanes = new ArrayList<WarmingPool.Key>();
        for (Runtime.Family f : poolableFamilies()) {
            if (!RuntimeLaunchers.sizedAtStart(f)) {
                lanes.add(WarmingPool.Key.of(f));
            } else {
                sizedLanes.forEach(mb -> lanes.add(new WarmingPool.Key(f, mb)));
            }
        }
        return lanes;
    }

    /** The families sized at start whose sandboxes can wait in the pool here (lanes per memory size, on demand). */
    Set<Runtime.Family> sizedFamilies() {
        return Set.copyOf(poolableFamilies().stream().filter(RuntimeLaunchers::sizedAtStart).toList());
    }

    /** The runtime families whose sandboxes can wait in the warming pool on this host. */
    private List<Runtime.Family> poolableFamilies() {
        return Arrays.stream(Runtime.Family.values()).filter(runtimes::poolable).toList();
    }

    /** The warming-pool lane a function's cold start draws from. */
    static WarmingPool.Key laneOf(FunctionVersion v) {
        Runtime.Family f = v.config().runtime().family();
        return RuntimeLaunchers.sizedAtStart(f) ? new WarmingPool.Key(f, v.config().memoryMb()) : WarmingPool.Key.of(f);
    }

    /**
     * A generic sandbox for {@code v}'s runtime from the warming pool, now the caller's; or null.
     * Always null for a function with network: pool sandboxes start without any (the caller then
     * launches one for it).
     */
    Sandbox generic(FunctionVersion v) {
        if (network.apply(v) != NetworkAccess.NONE) return null;
        return warming.take(laneOf(v));
    }

    /**
     * Binds {@code generic} to {@code v} and runs {@code inv} on it (blocks briefly: the code is
     * unpacked if it must be and placed in the sandbox's slot).
     *
     * @throws UncheckedIOException when the code cannot be placed (the sandbox is then stopped)
     */
    CompletableFuture<RunResult> bindAndRun(Sandbox generic, FunctionVersion v, Invocation inv, long timeoutNanos) {
        Invocation binding;
        try {
            Path code = codeDir(v);
            binding = launcher.binding(generic, v, new LaunchSpec(runtimes.commandFor(v.config().runtime(), code,
                    v.config().memoryMb()), code, runtimeDir, region), "bind-" + inv.requestId(), inv.deadlineEpochMs());
        } catch (IOException e) {
            generic.stop("code could not be placed");
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            generic.stop("code could not be placed");
            throw e;
        }
        return generic.bindAndStart(v, binding, inv, timeoutNanos);
    }

    /** The unpacked code of {@code v} (unpacked now if the cache lost it). */
    Path codeDir(FunctionVersion v) {
        return codeCache.unpack(v.code().sha256Hex(), codeStore.path(v.code()));
    }

    void release(Sandbox s, long nowMillis) {
        pool.offer(s, nowMillis);
    }
}
