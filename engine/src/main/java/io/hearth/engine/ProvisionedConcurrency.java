package io.hearth.engine;

import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionRef;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.model.Page;
import io.hearth.sandbox.ActivePool;
import io.hearth.sandbox.Sandbox;
import io.hearth.sandbox.SandboxFleet;
import io.hearth.sandbox.SandboxState;
import io.hearth.store.ConcurrencyStore;
import io.hearth.store.ProvisionedSetting;
import io.hearth.store.ProvisionedStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Provisioned concurrency: for each configuration (a function's published version, or an alias resolved to its
 * primary version), that many sandboxes started and warmed ({@code Placement.launch} then {@code Sandbox.warmUp},
 * on virtual threads {@code provisioned-N}) and left idle in the {@link ActivePool}, where invocations of that
 * version find them: no cold start, no Init Duration. They are kept for as long as the configuration exists: the
 * keep-alive reaper asks {@link #keepAliveMillis}, which never expires a snapshot that is provisioned (the pool asks
 * once per snapshot, so the answer is per snapshot; on-demand sandboxes of that snapshot beyond the provisioned
 * ones are stopped by {@link #tick} after the ordinary keep-alive instead).
 *
 * <p>Once a second ({@link #tick}) each configuration is reconciled: held sandboxes that died (crash, timeout,
 * eviction) are dropped and replaced; an alias that moved to another version gets its sandboxes moved with it;
 * a configuration whose version or alias is gone is deleted. Function and version deletes reach it at once through
 * {@link #forget}. Configurations are stored ({@link ProvisionedStore}) and re-created by {@link #restore} at start.
 *
 * <p>Lock: {@code lock} guards the configurations' live state; it is held for store writes of the control plane
 * (put, delete) but never across a sandbox start or stop.
 */
final class ProvisionedConcurrency implements AutoCloseable {
    static final long WARM_UP_LIMIT_SECONDS = Placement.WARM_UP_LIMIT_SECONDS;
    static final String NOT_FOUND = "No Provisioned Concurrency Config found for this function";
    private static final Predicate<Sandbox> ALIVE = s -> s.state() == SandboxState.READY
            || s.state() == SandboxState.BUSY;

    private final ProvisionedStore store;
    private final ConcurrencyStore reservations;
    private final Admission admission;
    private final FunctionRegistry registry;
    private final Placement placement;
    private final ActivePool pool;
    private final SandboxFleet fleet;
    private final ToLongFunction<Sandbox> onDemandKeepAlive;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ProvisionedGroup<Sandbox>> groups = new HashMap<>();   // "NAME:QUALIFIER"; lock
    private volatile Set<String> provisionedKeys = Set.of();
    private final LongAdder replacements = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final Executor starts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("provisioned-", 0)
            .factory());
    private volatile boolean closed;

    /** {@code onDemandKeepAlive}: the keep-alive of every sandbox that is not provisioned. */
    ProvisionedConcurrency(ProvisionedStore store, ConcurrencyStore reservations, Admission admission,
                           FunctionRegistry registry, Placement placement, ActivePool pool, SandboxFleet fleet,
                           ToLongFunction<Sandbox> onDemandKeepAlive, Clock clock) {
        this.store = store;
        this.reservations = reservations;
        this.admission = admission;
        this.registry = registry;
        this.placement = placement;
        this.pool = pool;
        this.fleet = fleet;
        this.onDemandKeepAlive = onDemandKeepAlive;
        this.clock = clock;
    }

    /**
     * PutProvisionedConcurrencyConfig: keeps {@code requested} sandboxes of the version {@code qualifier} names
     * warm, replacing an earlier amount. Answers at once (IN_PROGRESS until they are up).
     */
    ProvisionedConfig put(String functionName, String qualifier, int requested) {
        requireQualifier(qualifier);
        if (requested < 1) {
            throw HearthException.invalid("1 validation error detected: Value '" + requested + "' at "
                    + "'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater "
                    + "than or equal to 1");
        }
        FunctionVersion v = registry.named(new FunctionRef(functionName, Optional.of(qualifier)));
        Instant now = Instant.ofEpochMilli(clock.millis());
        List<Sandbox> surplus = new ArrayList<>();
        ProvisionedConfig shown;
        lock.lock();
        try {
            checkBudget(functionName, qualifier, requested);
            store.put(new ProvisionedSetting(functionName, qualifier, requested, now));
            ProvisionedGroup<Sandbox> g = groups.get(id(functionName, qualifier));
            if (g == null) {
                g = new ProvisionedGroup<>(functionName, qualifier, requested, now, v.sandboxKey());
                groups.put(id(functionName, qualifier), g);
            } else {
                if (!g.targetKey().equals(v.sandboxKey())) surplus.addAll(g.retarget(v.sandboxKey()));
                surplus.addAll(g.resize(requested, now));
            }
            publishKeys();
            fill(g, v);
            shown = g.view(ALIVE);
        } finally {
            lock.unlock();
        }
        stopIdle(surplus, "provisioned concurrency reduced");
        return shown;
    }

    /** GetProvisionedConcurrencyConfig: empty when the version or alias has no configuration. */
    Optional<ProvisionedConfig> get(String functionName, String qualifier) {
        requireQualifier(qualifier);
        registry.named(new FunctionRef(functionName, Optional.of(qualifier)));   // not found if unknown
        lock.lock();
        try {
            return Optional.ofNullable(groups.get(id(functionName, qualifier))).map(g -> g.view(ALIVE));
        } finally {
            lock.unlock();
        }
    }

    /** ListProvisionedConcurrencyConfigs: the function's configurations by qualifier, after {@code marker}. */
    Page<ProvisionedConfig> list(String functionName, String marker, int maxItems) {
        registry.named(new FunctionRef(functionName, Optional.empty()));   // not found if unknown
        List<ProvisionedConfig> all = new ArrayList<>();
        lock.lock();
        try {
            for (ProvisionedGroup<Sandbox> g : groups.values()) {
                if (g.functionName().equals(functionName)) all.add(g.view(ALIVE));
            }
        } finally {
            lock.unlock();
        }
        all.sort(Comparator.comparing(ProvisionedConfig::qualifier));
        List<ProvisionedConfig> after = marker == null ? all
                : all.stream().filter(c -> c.qualifier().compareTo(marker) > 0).toList();
        if (after.size() <= maxItems) return new Page<>(List.copyOf(after), null);
        List<ProvisionedConfig> page = List.copyOf(after.subList(0, maxItems));
        return new Page<>(page, page.getLast().qualifier());
    }

    /** DeleteProvisionedConcurrencyConfig: stops the configuration's idle sandboxes (busy ones after their run). */
    void delete(String functionName, String qualifier) {
        requireQualifier(qualifier);
        registry.named(new FunctionRef(functionName, Optional.of(qualifier)));   // not found if unknown
        List<Sandbox> released;
        lock.lock();
        try {
            ProvisionedGroup<Sandbox> g = groups.remove(id(functionName, qualifier));
            boolean stored = store.delete(functionName, qualifier);
            if (g == null && !stored) throw HearthException.notFound(NOT_FOUND);
            released = g == null ? List.of() : g.release();
            publishKeys();
        } finally {
            lock.unlock();
        }
        stopIdle(released, "provisioned concurrency deleted");
    }

    /** The configurations of a deleted function ({@code "NAME:"}) or version ({@code "NAME:N:"}) go with it. */
    void forget(String sandboxKeyPrefix) {
        List<ProvisionedGroup<Sandbox>> gone = new ArrayList<>();
        List<Sandbox> released = new ArrayList<>();
        lock.lock();
        try {
            groups.values().removeIf(g -> {
                if (!g.targetKey().startsWith(sandboxKeyPrefix)) return false;
                gone.add(g);
                released.addAll(g.release());
                return true;
            });
            publishKeys();
        } finally {
            lock.unlock();
        }
        for (var g : gone) store.delete(g.functionName(), g.qualifier());
        stopIdle(released, "function or version deleted");
    }

    /** Re-creates the stored configurations (at start); one whose version or alias is gone is deleted. */
    void restore() {
        for (ProvisionedSetting s : store.all()) {
            FunctionVersion v;
            try {
                v = registry.named(new FunctionRef(s.functionName(), Optional.of(s.qualifier())));
            } catch (HearthException e) {
                store.delete(s.functionName(), s.qualifier());
                continue;
            }
            lock.lock();
            try {
                var g = new ProvisionedGroup<Sandbox>(s.functionName(), s.qualifier(), s.requested(), s.lastModified(),
                        v.sandboxKey());
                groups.put(id(s.functionName(), s.qualifier()), g);
                publishKeys();
                fill(g, v);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Once a second: replaces held sandboxes that died, follows aliases that moved, drops configurations whose
     * version or alias is gone, and stops on-demand sandboxes of provisioned snapshots idle past their keep-alive.
     */
    void tick() {
        if (closed) return;
        List<ProvisionedGroup<Sandbox>> gone = new ArrayList<>();
        List<Sandbox> released = new ArrayList<>();
        Set<Sandbox> held = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Sandbox> live = fleet.all();
        lock.lock();
        try {
            for (var it = groups.values().iterator(); it.hasNext(); ) {
                ProvisionedGroup<Sandbox> g = it.next();
                FunctionVersion v = resolve(g);
                if (v == null) {
                    it.remove();
                    gone.add(g);
                    released.addAll(g.release());
                    continue;
                }
                if (!v.sandboxKey().equals(g.targetKey())) released.addAll(g.retarget(v.sandboxKey()));
                replacements.add(g.prune(ALIVE));
                fill(g, v);
                for (Sandbox s : live) {
                    if (g.holds(s)) held.add(s);
                }
            }
            publishKeys();
        } finally {
            lock.unlock();
        }
        for (var g : gone) store.delete(g.functionName(), g.qualifier());
        stopIdle(released, "provisioned concurrency moved or deleted");
        stopExpiredOnDemand(live, held);
    }

    /** The keep-alive reaper's answer: never for a provisioned snapshot, else the on-demand keep-alive. */
    long keepAliveMillis(Sandbox s) {
        FunctionVersion v = s.version();
        if (v != null && provisionedKeys.contains(v.sandboxKey())) return Long.MAX_VALUE;
        return onDemandKeepAlive.applyAsLong(s);
    }

    /** Series per configuration, labelled {@code function} and {@code qualifier}, then the totals. */
    void report(Map<String, Long> m) {
        List<ProvisionedGroup<Sandbox>> all;
        Map<ProvisionedGroup<Sandbox>, long[]> counts = new IdentityHashMap<>();
        lock.lock();
        try {
            all = new ArrayList<>(groups.values());
            for (var g : all) counts.put(g, new long[] {g.requested(), g.held(), g.starting()});
        } finally {
            lock.unlock();
        }
        all.sort(Comparator.comparing(g -> id(g.functionName(), g.qualifier())));
        String[] names = {"hearth_provisioned_requested", "hearth_provisioned_sandboxes",
            "hearth_provisioned_starting"};
        for (int i = 0; i < names.length; i++) {
            for (var g : all) {
                m.put(names[i] + "{function=\"" + g.functionName() + "\",qualifier=\"" + g.qualifier() + "\"}",
                        counts.get(g)[i]);
            }
        }
        m.put("hearth_provisioned_replacements_total", replacements.sum());
        m.put("hearth_provisioned_failures_total", failures.sum());
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkBudget(String functionName, String qualifier, int requested) {
        Map<String, Integer> reserved = reservations.all();
        int ofFunctionElsewhere = 0;
        int unreservedElsewhere = 0;
        for (ProvisionedGroup<Sandbox> g : groups.values()) {
            if (g.functionName().equals(functionName) && g.qualifier().equals(qualifier)) continue;
            if (g.functionName().equals(functionName)) ofFunctionElsewhere += g.requested();
            if (!reserved.containsKey(g.functionName())) unreservedElsewhere += g.requested();
        }
        Integer own = reserved.get(functionName);
        ProvisionedBudget.check(requested, own == null ? OptionalInt.empty() : OptionalInt.of(own),
                ofFunctionElsewhere, admission.limit(), admission.unreservedLimit(), unreservedElsewhere);
    }

    /** Starts what {@code g} is missing; under the lock. */
    private void fill(ProvisionedGroup<Sandbox> g, FunctionVersion v) {
        if (closed) return;
        for (int n = g.missing(); n > 0; n--) launch(g, g.launching(), v);
    }

    private void launch(ProvisionedGroup<Sandbox> g, ProvisionedGroup.Launch launch, FunctionVersion v) {
        placement.startWarm(v).whenCompleteAsync((s, failure) -> landed(g, launch, s, failure), starts);
    }

    private void landed(ProvisionedGroup<Sandbox> g, ProvisionedGroup.Launch launch, Sandbox s, Throwable failure) {
        lock.lock();
        try {
            if (failure != null) {
                failures.increment();
                g.failed(launch, reason(unwrap(failure)));
                return;
            }
            if (!closed && groups.get(id(g.functionName(), g.qualifier())) == g && g.landed(launch, s)) {
                placement.release(s, clock.millis());   // idle in the active pool: invocations find it there
                return;
            }
        } finally {
            lock.unlock();
        }
        s.stop("provisioned concurrency no longer needs it");
    }

    /** The version the configuration names now; null when its function, version or alias is gone. */
    private FunctionVersion resolve(ProvisionedGroup<Sandbox> g) {
        try {
            return registry.named(new FunctionRef(g.functionName(), Optional.of(g.qualifier())));
        } catch (HearthException e) {
            if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) return null;
            throw e;
        }
    }

    /** Stops the sandboxes among {@code released} that are idle; a busy one finishes its run and ages out. */
    private void stopIdle(List<Sandbox> released, String reason) {
        for (Sandbox s : released) {
            if (pool.withdraw(s)) s.stop(reason);
        }
    }

    /** On-demand sandboxes of a provisioned snapshot: the reaper keeps their whole snapshot, so this reaps them. */
    private void stopExpiredOnDemand(List<Sandbox> live, Set<Sandbox> held) {
        Set<String> keys = provisionedKeys;
        if (keys.isEmpty()) return;
        long now = clock.millis();
        for (Sandbox s : live) {
            FunctionVersion v = s.version();
            if (v == null || held.contains(s) || !keys.contains(v.sandboxKey())) continue;
            if (s.state() != SandboxState.READY) continue;
            long idle = now - s.idleSinceMillis();
            if (idle >= onDemandKeepAlive.applyAsLong(s) && pool.withdraw(s)) s.stop("idle for " + idle + " ms");
        }
    }

    /** Under the lock: the snapshot keys the reaper must not expire. */
    private void publishKeys() {
        Set<String> keys = new java.util.HashSet<>();
        for (var g : groups.values()) keys.add(g.targetKey());
        provisionedKeys = Set.copyOf(keys);
    }

    private static void requireQualifier(String qualifier) {
        if (qualifier == null || qualifier.isEmpty()) {
            throw HearthException.invalid("1 validation error detected: Value null at 'qualifier' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (qualifier.equals(FunctionVersion.LATEST)) {
            throw HearthException.invalid("Provisioned Concurrency Configs cannot be applied to unpublished function "
                    + "versions.");
        }
    }

    private static String id(String functionName, String qualifier) {
        return functionName + ":" + qualifier;
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        return t;
    }

    private static String reason(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return "FUNCTION_ERROR_INIT_FAILURE: the function did not initialise within " + WARM_UP_LIMIT_SECONDS
                    + " seconds";
        }
        return "FUNCTION_ERROR_INIT_FAILURE: " + cause.getMessage();
    }
}
