package io.hearth.engine;

import io.hearth.model.AccountLimits;
import io.hearth.model.AliasRecord;
import io.hearth.model.Arns;
import io.hearth.model.CodeRef;
import io.hearth.model.ControlCommand;
import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionRecord;
import io.hearth.model.FunctionRef;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.model.Page;
import io.hearth.sandbox.code.CodeCache;
import io.hearth.sandbox.code.ZipValidator;
import io.hearth.store.AliasStore;
import io.hearth.store.CodeStore;
import io.hearth.store.ConcurrencyStore;
import io.hearth.store.FunctionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The control plane: validates packages, stores code content-addressed (unpacking it at once so
 * a cold start finds it ready), commits function records, then updates the in-memory registry
 * and hands warm traffic over to a superseded snapshot's successor, or to the versions an alias
 * moves to ({@link Handovers}).
 *
 * <p>Mutations on this node are serialised by one lock (they are rare and short); the store's
 * revision compare-and-set refuses a change based on a stale read.
 */
final class FunctionManager implements ControlPlane {
    private static final long CODE_SIZE_ZIPPED = 52_428_800L;
    private static final long CODE_SIZE_UNZIPPED = 262_144_000L;
    private static final long TOTAL_CODE_SIZE = 80_530_636_800L;

    private final FunctionStore store;
    private final AliasStore aliases;
    private final ConcurrencyStore concurrency;
    private final Admission admission;
    private final CodeStore codeStore;
    private final CodeCache codeCache;
    private final ZipValidator zips;
    private final FunctionRegistry registry;
    private final Consumer<String> retireSandboxes;
    /** Stops the idle sandboxes whose key starts with a prefix (they restart on demand with new settings). */
    private final Consumer<String> stopIdleSandboxes;
    private final SnapshotSwitch switchOver;
    private final Arns arns;
    private final Clock clock;
    private final ReentrantLock mutations = new ReentrantLock();
    private final AliasManager aliasManager;
    private final ProvisionedConcurrency provisioned;

    FunctionManager(FunctionStore store, AliasStore aliases, ConcurrencyStore concurrency, Admission admission,
                    CodeStore codeStore, CodeCache codeCache, ZipValidator zips,
                    FunctionRegistry registry, Consumer<String> retireSandboxes, Consumer<String> stopIdleSandboxes,
                    SnapshotSwitch switchOver, Arns arns, Clock clock, ProvisionedConcurrency provisioned) {
        this.provisioned = provisioned;
        this.stopIdleSandboxes = stopIdleSandboxes;
        this.switchOver = switchOver;
        this.store = store;
        this.aliases = aliases;
        this.concurrency = concurrency;
        this.admission = admission;
        this.codeStore = codeStore;
        this.codeCache = codeCache;
        this.zips = zips;
        this.registry = registry;
        this.retireSandboxes = retireSandboxes;
        this.arns = arns;
        this.clock = clock;
        this.aliasManager = new AliasManager(aliases, registry, arns, mutations, this::existing, switchOver,
                (function, alias) -> provisioned.get(function, alias).map(ProvisionedConfig::requested).orElse(0));
    }

    @Override
    public FunctionVersion create(ControlCommand.CreateFunction cmd) {
        Tags.validate(cmd.tags());
        CodeRef code = storeCode(cmd.zip());
        Instant now = now();
        var version = new FunctionVersion(cmd.name(), FunctionVersion.LATEST, cmd.config(), code, newRevision(), now);
        var record = new FunctionRecord(version, cmd.tags(), now);
        mutations.lock();
        try {
            store.create(record);
            registry.put(record);
            return cmd.publish() ? publishLocked(record, null) : version;
        } finally {
            mutations.unlock();
        }
    }

    @Override
    public FunctionRecord get(FunctionRef ref) {
        registry.named(ref);  // refuses unknown names and qualifiers
        return existing(ref.name());
    }

    @Override
    public FunctionVersion getVersion(FunctionRef ref) {
        return registry.named(ref);
    }

    @Override
    public Page<FunctionRecord> list(String marker, int maxItems) {
        checkMaxItems(maxItems);
        List<FunctionRecord> rows = store.list(marker == null || marker.isEmpty() ? null : marker, maxItems + 1);
        if (rows.size() <= maxItems) return new Page<>(rows, null);
        List<FunctionRecord> page = rows.subList(0, maxItems);
        return new Page<>(List.copyOf(page), page.getLast().name());
    }

    @Override
    public FunctionVersion updateCode(ControlCommand.UpdateFunctionCode cmd) {
        latestOnlyForUpdates(cmd.ref());
        FunctionRecord current = existing(cmd.ref().name());
        checkRevision(current, cmd.expectedRevisionId());
        CodeRef code = storeCode(cmd.zip());
        var old = current.latest();
        var next = current.withLatest(new FunctionVersion(old.name(), old.version(), old.config(), code,
                newRevision(), now()));
        if (cmd.dryRun()) return next.latest();
        FunctionRecord committed = commit(current, next);
        if (!cmd.publish()) return committed.latest();
        mutations.lock();
        try {
            return publishLocked(existing(committed.name()), null);
        } finally {
            mutations.unlock();
        }
    }

    @Override
    public FunctionVersion updateConfiguration(ControlCommand.UpdateFunctionConfiguration cmd) {
        latestOnlyForUpdates(cmd.ref());
        FunctionRecord current = existing(cmd.ref().name());
        checkRevision(current, cmd.expectedRevisionId());
        var old = current.latest();
        var next = current.withLatest(new FunctionVersion(old.name(), old.version(), cmd.patch().applyTo(old.config()),
                old.code(), newRevision(), now()));
        return commit(current, next).latest();
    }

    @Override
    public void delete(ControlCommand.DeleteFunction cmd) {
        String name = cmd.ref().name();
        if (cmd.ref().qualifier().isEmpty()) {
            mutations.lock();
            try {
                if (!store.delete(name)) throw notFound(name);
                registry.remove(name);
                admission.unreserve(name);
            } finally {
                mutations.unlock();
            }
            retireSandboxes.accept(name + ":");
            return;
        }
        String q = cmd.ref().qualifierOrLatest();
        if (q.equals(FunctionVersion.LATEST)) {
            throw HearthException.invalid("$LATEST version cannot be deleted without deleting the function.");
        }
        if (FunctionRef.isAlias(q)) {
            throw HearthException.invalid("Deletion of aliases is not supported by DeleteFunction. Use DeleteAlias.");
        }
        mutations.lock();
        try {
            registry.named(cmd.ref());   // not found if unknown
            List<String> users = aliases.pointingAt(name, q).stream().map(AliasRecord::name).toList();
            if (!users.isEmpty()) {
                throw HearthException.conflict("Unable to delete version because the following aliases reference it: "
                        + users);
            }
            if (!store.deleteVersion(name, q)) throw HearthException.notFound("Function not found: "
                    + arns.function(name, q));
            registry.removeVersion(name, q);
        } finally {
            mutations.unlock();
        }
        retireSandboxes.accept(name + ":" + q + ":");
    }

    @Override
    public FunctionVersion publishVersion(ControlCommand.PublishVersion cmd) {
        mutations.lock();
        try {
            FunctionRecord f = existing(cmd.functionName());
            checkRevision(f, cmd.expectedRevisionId());
            String sha = f.latest().code().sha256Base64();
            if (cmd.codeSha256() != null && !cmd.codeSha256().equals(sha)) {
                throw new HearthException(ErrorCode.PRECONDITION_FAILED, "CodeSHA256 (" + cmd.codeSha256()
                        + ") is different from current CodeSHA256 in $LATEST (" + sha
                        + "). Please try again with the current CodeSHA256.");
            }
            return publishLocked(f, cmd.description());
        } finally {
            mutations.unlock();
        }
    }

    /** Publishes {@code f}'s $LATEST as the next number, or returns the last version if nothing changed. */
    private FunctionVersion publishLocked(FunctionRecord f, String description) {
        FunctionVersion latest = f.latest();
        long last = store.lastVersionNumber(f.name());
        if (last > 0) {
            var previous = store.version(f.name(), Long.toString(last));
            if (previous.isPresent() && previous.get().code().equals(latest.code())
                    && sameRunningConfig(previous.get(), latest)) {
                return previous.get();
            }
        }
        var config = latest.config();
        if (description != null) {
            config = new io.hearth.model.FunctionConfig(config.runtime(), config.handler(), config.timeoutSeconds(),
                    config.memoryMb(), config.environment(), description, config.role());
        }
        var v = new FunctionVersion(f.name(), Long.toString(last + 1), config, latest.code(), newRevision(), now());
        var settings = new java.util.TreeMap<String, String>();
        f.tags().forEach((k, val) -> {
            if (k.startsWith("hearth:")) settings.put(k, val);
        });
        store.publish(v, settings);
        registry.putVersion(v, settings);
        return v;
    }

    private static boolean sameRunningConfig(FunctionVersion a, FunctionVersion b) {
        var x = a.config();
        var y = b.config();
        return x.runtime() == y.runtime() && x.handler().equals(y.handler()) && x.timeoutSeconds() == y.timeoutSeconds()
                && x.memoryMb() == y.memoryMb() && x.environment().equals(y.environment());
    }

    @Override
    public Page<FunctionVersion> listVersions(String functionName, String marker, int maxItems) {
        checkMaxItems(maxItems);
        var entry = registry.entry(functionName).orElseThrow(() -> notFound(functionName));
        var all = new java.util.ArrayList<FunctionVersion>();
        all.add(entry.record().latest());
        for (String n : FunctionRegistry.sortedNumbers(entry.versions())) all.add(entry.versions().get(n));
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).version().equals(marker)) from = i + 1;
            }
        }
        int to = Math.min(all.size(), from + maxItems);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? all.get(to - 1).version() : null);
    }

    @Override
    public AliasRecord createAlias(ControlCommand.CreateAlias cmd) {
        return aliasManager.create(cmd);
    }

    @Override
    public AliasRecord getAlias(String functionName, String aliasName) {
        return aliasManager.get(functionName, aliasName);
    }

    @Override
    public Page<AliasRecord> listAliases(String functionName, String functionVersion, String marker, int maxItems) {
        checkMaxItems(maxItems);
        return aliasManager.list(functionName, functionVersion, marker, maxItems);
    }

    @Override
    public AliasRecord updateAlias(ControlCommand.UpdateAlias cmd) {
        return aliasManager.update(cmd);
    }

    @Override
    public void deleteAlias(ControlCommand.DeleteAlias cmd) {
        aliasManager.delete(cmd);
    }

    private static void checkMaxItems(int maxItems) {
        if (maxItems < 1 || maxItems > 10_000) {
            throw HearthException.invalid("1 validation error detected: Value '" + maxItems
                    + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000");
        }
    }

    @Override
    public Map<String, String> listTags(String arn) {
        return existing(arns.functionNameOf(arn)).tags();
    }

    @Override
    public void tag(ControlCommand.TagResource cmd) {
        Tags.validate(cmd.tags());
        String name = arns.functionNameOf(cmd.arn());
        mutations.lock();
        try {
            FunctionRecord f = existing(name);
            FunctionRecord next = f.withTags(Tags.merge(f.tags(), cmd.tags()));
            replace(f, next);
            retireOnNetworkChange(f, next);
        } finally {
            mutations.unlock();
        }
    }

    /** Sandboxes keep the network they were started with: a changed {@code hearth:network} retires the idle ones. */
    private void retireOnNetworkChange(FunctionRecord before, FunctionRecord after) {
        if (!java.util.Objects.equals(before.tags().get(Tags.NETWORK), after.tags().get(Tags.NETWORK))) {
            stopIdleSandboxes.accept(before.name() + ":");
        }
    }

    @Override
    public void untag(ControlCommand.UntagResource cmd) {
        String name = arns.functionNameOf(cmd.arn());
        mutations.lock();
        try {
            FunctionRecord f = existing(name);
            FunctionRecord next = f.withTags(Tags.without(f.tags(), cmd.keys()));
            replace(f, next);
            retireOnNetworkChange(f, next);
        } finally {
            mutations.unlock();
        }
    }

    @Override
    public AccountLimits accountLimits() {
        long used = 0;
        long count = 0;
        String after = null;
        while (true) {
            var page = store.list(after, 1000);
            for (FunctionRecord f : page) used += f.latest().code().size();
            count += page.size();
            if (page.size() < 1000) break;
            after = page.getLast().name();
        }
        return new AccountLimits(admission.limit(), admission.unreservedLimit(), CODE_SIZE_UNZIPPED, CODE_SIZE_ZIPPED,
                TOTAL_CODE_SIZE, used, count);
    }

    @Override
    public int putReservedConcurrency(String functionName, int reserved) {
        if (reserved < 0) {
            throw HearthException.invalid("1 validation error detected: Value '" + reserved + "' at "
                    + "'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater "
                    + "than or equal to 0");
        }
        mutations.lock();
        try {
            existing(functionName);
            admission.reserve(functionName, reserved);   // refuses too large a reservation
            try {
                concurrency.put(functionName, reserved);
            } catch (RuntimeException e) {
                concurrency.get(functionName).ifPresentOrElse(old -> admission.reserve(functionName, old),
                        () -> admission.unreserve(functionName));
                throw e;
            }
            return reserved;
        } finally {
            mutations.unlock();
        }
    }

    @Override
    public java.util.OptionalInt reservedConcurrency(String functionName) {
        existing(functionName);
        return concurrency.get(functionName);
    }

    @Override
    public void deleteReservedConcurrency(String functionName) {
        mutations.lock();
        try {
            existing(functionName);
            concurrency.delete(functionName);
            admission.unreserve(functionName);
        } finally {
            mutations.unlock();
        }
    }

    @Override
    public ProvisionedConfig putProvisionedConcurrency(String functionName, String qualifier, int requested) {
        return provisioned.put(functionName, qualifier, requested);
    }

    @Override
    public java.util.Optional<ProvisionedConfig> provisionedConcurrency(String functionName, String qualifier) {
        return provisioned.get(functionName, qualifier);
    }

    @Override
    public Page<ProvisionedConfig> listProvisionedConcurrency(String functionName, String marker, int maxItems) {
        checkMaxItems(maxItems);
        return provisioned.list(functionName, marker == null || marker.isEmpty() ? null : marker, maxItems);
    }

    @Override
    public void deleteProvisionedConcurrency(String functionName, String qualifier) {
        provisioned.delete(functionName, qualifier);
    }

    @Override
    public byte[] codeZip(String sha256Hex) {
        return codeStore.read(sha256Hex).orElseThrow(() -> HearthException.notFound("Code package not found: "
                + sha256Hex));
    }

    private FunctionRecord commit(FunctionRecord current, FunctionRecord next) {
        mutations.lock();
        try {
            switchOver.preparing(current.latest(), next.latest());
            try {
                replace(current, next);
            } catch (RuntimeException e) {
                switchOver.abandoned(current.latest(), next.latest());
                throw e;
            }
        } finally {
            mutations.unlock();
        }
        switchOver.committed(current.latest(), next.latest());
        return next;
    }

    private void replace(FunctionRecord current, FunctionRecord next) {
        if (!store.replace(next, current.latest().revisionId())) {
            throw new HearthException(ErrorCode.RESOURCE_CONFLICT, "The operation cannot be performed at this time. "
                    + "An update is in progress for resource: " + arns.function(current.name()));
        }
        registry.put(next);
    }

    private CodeRef storeCode(byte[] zip) {
        if (zip.length > CODE_SIZE_ZIPPED) {
            throw new HearthException(ErrorCode.REQUEST_TOO_LARGE, "Zipped size must be smaller than "
                    + CODE_SIZE_ZIPPED + " bytes");
        }
        zips.validate(zip);
        CodeRef code = codeStore.put(zip);
        codeCache.unpack(code.sha256Hex(), codeStore.path(code));
        return code;
    }

    private FunctionRecord existing(String name) {
        return store.get(name).orElseThrow(() -> notFound(name));
    }

    private HearthException notFound(String name) {
        return HearthException.notFound("Function not found: " + arns.function(name));
    }

    private void latestOnlyForUpdates(FunctionRef ref) {
        if (ref.qualifier().isPresent() && !ref.qualifierOrLatest().equals(FunctionVersion.LATEST)) {
            throw HearthException.notFound("Function not found: " + arns.function(ref.name(), ref.qualifierOrLatest()));
        }
    }

    private static void checkRevision(FunctionRecord current, String expected) {
        if (expected != null && !expected.equals(current.latest().revisionId())) {
            throw new HearthException(ErrorCode.PRECONDITION_FAILED, "The Revision Id provided does not match the "
                    + "latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private static String newRevision() {
        return UUID.randomUUID().toString();
    }
}
