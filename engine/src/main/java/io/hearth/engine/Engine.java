package io.hearth.engine;

import io.hearth.engine.idempotency.IdempotencyService;
import io.hearth.engine.prediction.WarmPlanner;
import io.hearth.model.Arns;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.runtimeapi.RuntimeApiServer;
import io.hearth.sandbox.ActivePool;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxFleet;
import io.hearth.sandbox.SandboxLauncher;
import io.hearth.sandbox.code.CodeCache;
import io.hearth.sandbox.code.ZipLimits;
import io.hearth.sandbox.code.ZipValidator;
import io.hearth.sandbox.isolation.Isolation;
import io.hearth.sandbox.isolation.IsolationLevel;
import io.hearth.sandbox.isolation.NamespaceSettings;
import io.hearth.sandbox.runtimes.RuntimeLaunchers;
import io.hearth.store.AsyncLogWriter;
import io.hearth.store.CodeStore;
import io.hearth.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Assembles the engine's parts in dependency order and stops them in reverse: store-backed
 * registry, idempotency (records, KV), runtime API, sandbox fleet and pools, invoker, event
 * dispatcher, housekeeping.
 * A failure half-way through start stops what was already started.
 */
public final class Engine implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final ControlPlane controlPlane;
    private final InvokeService invokeService;
    private final LogQuery logQuery;
    private final SandboxFleet fleet;
    private final Arns arns;
    private final int leftoversKilled;
    private final IdempotencyService idempotency;
    private final EngineMetrics metrics;
    private final Isolation isolation;

    public Engine(EngineConfig config, Store store, String runtimeApiHost, Clock clock) {
        try {
            Path data = config.dataDir();
            arns = new Arns(config.region(), config.account());
            fleet = new SandboxFleet(data.resolve("sandboxes"));
            leftoversKilled = fleet.cleanupLeftovers();
            var logWriter = new AsyncLogWriter(store.logs());
            started.push(logWriter);
            var registry = new FunctionRegistry(store.functions(), store.aliases(), arns);
            idempotency = new IdempotencyService(store.idempotency(), store.kv(),
                    name -> registry.get(name).orElseThrow(() -> HearthException.notFound(
                            "Function not found: " + arns.function(name))),
                    logWriter::submit, RequestIds::newRequestId, clock);
            started.push(idempotency);
            Path socket = data.resolve("run").resolve("runtime-api.sock");
            java.nio.file.Files.createDirectories(socket.getParent());
            isolation = Isolation.select(config.isolation(), NamespaceSettings.defaults(data, socket));
            var runtimeApi = isolation.level() == IsolationLevel.NAMESPACES
                    ? RuntimeApiServer.start(runtimeApiHost, 0, idempotency.kv(), socket)
                    : RuntimeApiServer.start(runtimeApiHost, 0, idempotency.kv());
            started.push(runtimeApi);
            started.push(isolation);   // closes after the sandboxes stopped
            started.push(() -> fleet.stopAll("node shutting down"));
            isolation.cleanupLeftovers();
            Path runtimeDir = data.resolve("runtimes");
            var runtimes = RuntimeLaunchers.install(runtimeDir);
            started.push(runtimes);   // stops the making of the Java runtime's class-data archive
            var codeStore = new CodeStore(data.resolve("code"));
            var codeCache = new CodeCache(data.resolve("code-cache"), ZipLimits.lambda());
            var pool = new ActivePool();
            var admission = new Admission(config.concurrencyLimit());
            admission.restore(store.concurrency().all());
            var placement = new Placement(pool, new SandboxLauncher(runtimeApi, fleet, isolation), fleet, runtimes, codeCache,
                    codeStore, runtimeDir, config.region(), config.maxSandboxes(), v -> Tags.networkOf(v.name(),
                    registry.get(v.name()).map(io.hearth.model.FunctionRecord::tags).orElse(java.util.Map.of())));
            var warming = new WarmingPool(placement.keptLanes(config.pools().javaLanes()), placement.sizedFamilies(),
                    placement::launchGeneric, placement::room, config.pools().warmingMin(), config.pools().warmingMax(),
                    clock);
            placement.useWarmingPool(warming);
            fleet.onStopped(s -> {
                pool.remove(s);
                warming.forget(s);
            });
            started.push(warming);
            var prewarmer = new Prewarmer(new WarmPlanner<>(config.pools().prediction(config.keepAlive())), registry,
                    placement, pool, clock);
            var handovers = new Handovers(pool, fleet, placement, clock);
            var provisioned = new ProvisionedConcurrency(store.provisioned(), store.concurrency(), admission, registry,
                    placement, pool, fleet, prewarmer::keepAliveMillis, clock);
            started.push(provisioned);
            var invoker = new Invoker(registry, admission, placement, logWriter, arns, clock, idempotency.invoker(),
                    handovers, prewarmer);
            var events = new EventDispatcher(store.events(), registry, admission, invoker, clock,
                    config.eventRetryDelays());
            controlPlane = new FunctionManager(store.functions(), store.aliases(), store.concurrency(), admission,
                    codeStore, codeCache,
                    new ZipValidator(ZipLimits.lambda()), registry,
                    prefix -> {
                        pool.retire(prefix).forEach(s -> s.stop("function changed"));
                        if (!prefix.endsWith(":" + FunctionVersion.LATEST + ":")) prewarmer.forget(prefix);
                        provisioned.forget(prefix);
                    },
                    prefix -> pool.retire(prefix).forEach(s -> s.stop("network setting changed")), handovers,
                    arns, clock, provisioned);
            var clientKeys = new ClientKeys(clock, Duration.ofHours(24));
            var idem = idempotency.invoker();
            metrics = () -> {
                var m = new java.util.LinkedHashMap<String, Long>();
                m.put("hearth_invocations_total", invoker.invocations());
                m.put("hearth_cold_starts_total", invoker.coldStarts());
                m.put("hearth_function_errors_total", invoker.functionErrors());
                m.put("hearth_idempotent_replays_total", idem.replays());
                m.put("hearth_idempotent_runs_total", idem.runs());
                m.put("hearth_idempotent_records_stored_total", idem.recorded());
                m.put("hearth_sandboxes_live", (long) fleet.size());
                m.put("hearth_sandboxes_idle", (long) pool.idleCount());
                warming.report(m);
                prewarmer.report(m);
                provisioned.report(m);
                m.put("hearth_concurrency_in_use", (long) admission.inUse());
                m.put("hearth_concurrency_limit", (long) admission.limit());
                m.put("hearth_log_entries_dropped_total", logWriter.droppedCount());
                m.put("hearth_idempotency_decisions_dropped_total", idem.decisionsDropped());
                m.put("hearth_idempotency_replay_decisions_skipped_total", idem.replayDecisionsSkipped());
                return m;
            };
            invokeService = new Invocations(registry, invoker, events, clientKeys);
            logQuery = new StoredLogs(store.logs(), logWriter);
            var reaper = new KeepAliveReaper(pool, clock, provisioned::keepAliveMillis);
            var housekeeping = new Housekeeping();
            housekeeping.every(Duration.ofSeconds(1), "keep-alive", reaper::reapOnce);
            housekeeping.every(Duration.ofSeconds(1), "warming-pool", warming::tick);
            housekeeping.every(Duration.ofSeconds(1), "provisioned", provisioned::tick);
            if (config.pools().prewarm()) housekeeping.every(Duration.ofSeconds(1), "prewarm", prewarmer::tick);
            housekeeping.every(Duration.ofMinutes(1), "idempotency-expiry", idempotency::expireOnce);
            housekeeping.every(Duration.ofSeconds(1), "replay-log", idempotency::flushReplayLog);
            housekeeping.every(Duration.ofMinutes(1), "client-key-expiry", clientKeys::expire);
            started.push(housekeeping);
            warming.start();
            provisioned.restore();
            events.start();
            started.push(events);
        } catch (java.io.IOException e) {
            close();
            throw new IllegalStateException("cannot prepare the data directory: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** How sandboxes are isolated on this node, for the start-up message. */
    public String isolationDescription() {
        return isolation.description();
    }

    public boolean isolated() {
        return isolation.level() == IsolationLevel.NAMESPACES;
    }

    public KvAdmin kvAdmin() {
        return idempotency.kv();
    }

    public IdempotencyAdmin idempotencyAdmin() {
        return idempotency;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    public InvokeService invokeService() {
        return invokeService;
    }

    public LogQuery logQuery() {
        return logQuery;
    }

    public Arns arns() {
        return arns;
    }

    /** Processes of a previous crashed run that were killed at start. */
    public int leftoversKilled() {
        return leftoversKilled;
    }

    /** Live sandboxes bound to a function (the warming pool's generic ones not counted; for tests). */
    public int liveSandboxes() {
        return (int) fleet.all().stream().filter(s -> !s.generic()).count();
    }

    /** Process ids of the live sandboxes bound to a function. */
    public java.util.List<Long> sandboxPids() {
        return fleet.all().stream().filter(s -> !s.generic()).map(Sandbox::pid).toList();
    }

    /** Process ids of the warming pool's generic sandboxes. */
    public java.util.List<Long> pooledSandboxPids() {
        return fleet.all().stream().filter(Sandbox::generic).map(Sandbox::pid).toList();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("hearth: error while stopping: " + e);
            }
        }
    }
}
