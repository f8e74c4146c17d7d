package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.engine.ProvisionedConfig;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory ControlPlane that behaves as the engine's contract says (conflict on a second
 * create, not found for unknown names and qualifiers, 412 on a stale RevisionId, content-addressed
 * code, published versions and aliases kept per function by {@link FakeVersions}, reserved
 * concurrency carved out of {@link #CONCURRENCY} leaving at least {@link #MINIMUM_UNRESERVED}, provisioned
 * concurrency stored IN_PROGRESS until {@link #allocateAll}), so
 * the API can be tested without the real engine. {@link #failNext} makes the next call throw, to drive error
 * paths the fake cannot reach alone.
 */
final class FakeControlPlane implements ControlPlane {
    static final int CONCURRENCY = 1000;
    static final int MINIMUM_UNRESERVED = 100;

    private final Arns arns;
    private final Clock clock;
    private final NavigableMap<String, FunctionRecord> functions = new TreeMap<>();
    private final Map<String, FakeVersions> versions = new HashMap<>();
    private final Map<String, byte[]> code = new HashMap<>();
    private final Map<String, Integer> reservations = new HashMap<>();
    private final NavigableMap<String, ProvisionedConfig> provisioned = new TreeMap<>();   // "NAME:QUALIFIER"
    private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();

    FakeControlPlane(Arns arns, Clock clock) {
        this.arns = arns;
        this.clock = clock;
    }

    void failNext(RuntimeException e) {
        nextFailure.set(e);
    }

    synchronized void reset() {
        functions.clear();
        versions.clear();
        code.clear();
        reservations.clear();
        provisioned.clear();
        nextFailure.set(null);
    }

    @Override
    public synchronized FunctionVersion create(ControlCommand.CreateFunction cmd) {
        maybeFail();
        if (functions.containsKey(cmd.name())) {
            throw HearthException.conflict("Function already exist: " + cmd.name());
        }
        FunctionVersion v = new FunctionVersion(cmd.name(), FunctionVersion.LATEST, cmd.config(), store(cmd.zip()),
                UUID.randomUUID().toString(), clock.instant());
        functions.put(cmd.name(), new FunctionRecord(v, cmd.tags(), clock.instant()));
        FakeVersions published = new FakeVersions(cmd.name(), arns, clock);
        versions.put(cmd.name(), published);
        return cmd.publish() ? published.publish(v, null) : v;
    }

    @Override
    public synchronized FunctionRecord get(FunctionRef ref) {
        maybeFail();
        FunctionRecord fn = functions.get(ref.name());
        if (fn == null) {
            throw HearthException.notFound("Function not found: "
                    + ref.qualifier().map(q -> arns.function(ref.name(), q)).orElse(arns.function(ref.name())));
        }
        ref.qualifier().ifPresent(q -> versions.get(ref.name()).resolve(q, fn.latest()));
        return fn;
    }

    @Override
    public synchronized FunctionVersion getVersion(FunctionRef ref) {
        FunctionRecord fn = get(ref);
        return versions.get(ref.name()).resolve(ref.qualifierOrLatest(), fn.latest());
    }

    @Override
    public synchronized Page<FunctionRecord> list(String marker, int maxItems) {
        maybeFail();
        var tail = marker == null ? functions : functions.tailMap(marker, false);
        return FakeVersions.page(tail.values(), maxItems, FunctionRecord::name);
    }

    @Override
    public synchronized FunctionVersion updateCode(ControlCommand.UpdateFunctionCode cmd) {
        FunctionRecord fn = current(cmd.ref(), cmd.expectedRevisionId());
        FunctionVersion old = fn.latest();
        CodeRef ref = cmd.dryRun() ? codeRef(cmd.zip()) : store(cmd.zip());
        FunctionVersion v = new FunctionVersion(old.name(), old.version(), old.config(), ref,
                cmd.dryRun() ? old.revisionId() : UUID.randomUUID().toString(), clock.instant());
        if (cmd.dryRun()) return v;
        functions.put(old.name(), fn.withLatest(v));
        return cmd.publish() ? versions.get(old.name()).publish(v, null) : v;
    }

    @Override
    public synchronized FunctionVersion updateConfiguration(ControlCommand.UpdateFunctionConfiguration cmd) {
        FunctionRecord fn = current(cmd.ref(), cmd.expectedRevisionId());
        FunctionVersion old = fn.latest();
        FunctionVersion v = new FunctionVersion(old.name(), old.version(), cmd.patch().applyTo(old.config()), old.code(),
                UUID.randomUUID().toString(), clock.instant());
        functions.put(old.name(), fn.withLatest(v));
        return v;
    }

    @Override
    public synchronized void delete(ControlCommand.DeleteFunction cmd) {
        FunctionRef ref = cmd.ref();
        get(ref);
        String qualifier = ref.qualifier().orElse(null);
        if (qualifier == null) {
            functions.remove(ref.name());
            versions.remove(ref.name());
            reservations.remove(ref.name());
            provisioned.keySet().removeIf(k -> k.startsWith(ref.name() + ":"));
        } else if (qualifier.equals(FunctionVersion.LATEST)) {
            throw HearthException.invalid("$LATEST version cannot be deleted without deleting the function.");
        } else if (qualifier.chars().allMatch(Character::isDigit)) {
            versions.get(ref.name()).deleteVersion(qualifier);
        } else {
            throw HearthException.invalid("Deletion of aliases is not supported by DeleteFunction; use DeleteAlias: "
                    + arns.function(ref.name(), qualifier));
        }
    }

    @Override
    public synchronized FunctionVersion publishVersion(ControlCommand.PublishVersion cmd) {
        FunctionRecord fn = current(new FunctionRef(cmd.functionName(), Optional.empty()), cmd.expectedRevisionId());
        String sha = fn.latest().code().sha256Base64();
        if (cmd.codeSha256() != null && !cmd.codeSha256().equals(sha)) {
            throw HearthException.invalid("CodeSHA256 (" + cmd.codeSha256() + ") is different from current "
                    + "CodeSHA256 in $LATEST (" + sha + "). Please try again with the CodeSHA256 in $LATEST.");
        }
        return versions.get(fn.name()).publish(fn.latest(), cmd.description());
    }

    @Override
    public synchronized Page<FunctionVersion> listVersions(String functionName, String marker, int maxItems) {
        FunctionRecord fn = get(new FunctionRef(functionName, Optional.empty()));
        return versions.get(functionName).list(fn.latest(), marker, maxItems);
    }

    @Override
    public synchronized AliasRecord createAlias(ControlCommand.CreateAlias cmd) {
        return versionsOf(cmd.functionName()).createAlias(cmd);
    }

    @Override
    public synchronized AliasRecord getAlias(String functionName, String aliasName) {
        return versionsOf(functionName).getAlias(aliasName);
    }

    @Override
    public synchronized Page<AliasRecord> listAliases(String functionName, String functionVersion, String marker,
                                                      int maxItems) {
        return versionsOf(functionName).listAliases(functionVersion, marker, maxItems);
    }

    @Override
    public synchronized AliasRecord updateAlias(ControlCommand.UpdateAlias cmd) {
        return versionsOf(cmd.functionName()).updateAlias(cmd);
    }

    @Override
    public synchronized void deleteAlias(ControlCommand.DeleteAlias cmd) {
        versionsOf(cmd.functionName()).deleteAlias(cmd.aliasName());
    }

    @Override
    public synchronized Map<String, String> listTags(String arn) {
        return byArn(arn).tags();
    }

    @Override
    public synchronized void tag(ControlCommand.TagResource cmd) {
        FunctionRecord fn = byArn(cmd.arn());
        Map<String, String> tags = new TreeMap<>(fn.tags());
        tags.putAll(cmd.tags());
        functions.put(fn.name(), fn.withTags(tags));
    }

    @Override
    public synchronized void untag(ControlCommand.UntagResource cmd) {
        FunctionRecord fn = byArn(cmd.arn());
        Map<String, String> tags = new TreeMap<>(fn.tags());
        cmd.keys().forEach(tags::remove);
        functions.put(fn.name(), fn.withTags(tags));
    }

    @Override
    public synchronized AccountLimits accountLimits() {
        maybeFail();
        long used = functions.values().stream().mapToLong(f -> f.latest().code().size()).sum();
        return new AccountLimits(CONCURRENCY, CONCURRENCY - reservedTotal(), 262_144_000L, 52_428_800L,
                80_530_636_800L, used, functions.size());
    }

    @Override
    public synchronized int putReservedConcurrency(String functionName, int reserved) {
        versionsOf(functionName);
        long others = reservedTotal() - reservations.getOrDefault(functionName, 0);
        if (CONCURRENCY - others - reserved < MINIMUM_UNRESERVED) {
            throw HearthException.invalid("Specified ReservedConcurrentExecutions for function decreases account's "
                    + "UnreservedConcurrentExecution below its minimum value of [" + MINIMUM_UNRESERVED + "].");
        }
        reservations.put(functionName, reserved);
        return reserved;
    }

    @Override
    public synchronized OptionalInt reservedConcurrency(String functionName) {
        versionsOf(functionName);
        Integer reserved = reservations.get(functionName);
        return reserved == null ? OptionalInt.empty() : OptionalInt.of(reserved);
    }

    @Override
    public synchronized void deleteReservedConcurrency(String functionName) {
        versionsOf(functionName);
        reservations.remove(functionName);
    }

    @Override
    public synchronized ProvisionedConfig putProvisionedConcurrency(String functionName, String qualifier,
                                                                    int requested) {
        maybeFail();
        provisionedTarget(functionName, qualifier);
        if (requested < 1) throw HearthException.invalid("provisionedConcurrentExecutions must be >= 1");
        String key = functionName + ":" + qualifier;
        int ofFunction = 0;
        int unreserved = 0;
        for (var e : provisioned.entrySet()) {
            if (e.getKey().equals(key)) continue;
            if (e.getValue().functionName().equals(functionName)) ofFunction += e.getValue().requested();
            if (!reservations.containsKey(e.getValue().functionName())) unreserved += e.getValue().requested();
        }
        Integer reserved = reservations.get(functionName);
        if (reserved != null && ofFunction + requested > reserved) {
            throw HearthException.invalid("Requested Provisioned Concurrency should not be greater than the "
                    + "reservedConcurrentExecution for function");
        }
        if (reserved == null && CONCURRENCY - reservedTotal() - unreserved - requested < MINIMUM_UNRESERVED) {
            throw HearthException.invalid("Requested Provisioned Concurrency decreases account's "
                    + "UnreservedConcurrentExecution below its minimum value of [" + MINIMUM_UNRESERVED + "].");
        }
        var config = new ProvisionedConfig(functionName, qualifier, requested, 0, 0,
                ProvisionedConfig.Status.IN_PROGRESS, null, clock.instant());
        provisioned.put(key, config);
        return config;
    }

    /** Marks every configuration READY with all it requested allocated, as the engine does once they are up. */
    synchronized void allocateAll() {
        provisioned.replaceAll((k, c) -> new ProvisionedConfig(c.functionName(), c.qualifier(), c.requested(),
                c.requested(), c.requested(), ProvisionedConfig.Status.READY, null, c.lastModified()));
    }

    @Override
    public synchronized Optional<ProvisionedConfig> provisionedConcurrency(String functionName, String qualifier) {
        maybeFail();
        provisionedTarget(functionName, qualifier);
        return Optional.ofNullable(provisioned.get(functionName + ":" + qualifier));
    }

    @Override
    public synchronized Page<ProvisionedConfig> listProvisionedConcurrency(String functionName, String marker,
                                                                         int maxItems) {
        versionsOf(functionName);
        var mine = provisioned.subMap(functionName + ":", true, functionName + ";", false);
        var tail = marker == null ? mine : mine.tailMap(functionName + ":" + marker, false);
        return FakeVersions.page(tail.values(), maxItems, ProvisionedConfig::qualifier);
    }

    @Override
    public synchronized void deleteProvisionedConcurrency(String functionName, String qualifier) {
        provisionedTarget(functionName, qualifier);
        if (provisioned.remove(functionName + ":" + qualifier) == null) {
            throw HearthException.notFound("No Provisioned Concurrency Config found for this function");
        }
    }

    /** Refuses $LATEST and unknown functions, versions and aliases, as the engine does. */
    private void provisionedTarget(String functionName, String qualifier) {
        if (qualifier.equals(FunctionVersion.LATEST)) {
            throw HearthException.invalid("Provisioned Concurrency Configs cannot be applied to unpublished function "
                    + "versions.");
        }
        getVersion(new FunctionRef(functionName, Optional.of(qualifier)));
    }

    @Override
    public synchronized byte[] codeZip(String sha256Hex) {
        maybeFail();
        byte[] zip = code.get(sha256Hex);
        if (zip == null) throw HearthException.notFound("No code package " + sha256Hex);
        return zip.clone();
    }

    /** {@code $LATEST} of the function, for an update: a qualifier other than $LATEST is refused. */
    private FunctionRecord current(FunctionRef ref, String expectedRevisionId) {
        FunctionRecord fn = get(ref);
        if (!ref.qualifierOrLatest().equals(FunctionVersion.LATEST)) {
            throw HearthException.invalid("Only $LATEST can be updated; published versions are immutable");
        }
        if (expectedRevisionId != null && !expectedRevisionId.equals(fn.latest().revisionId())) {
            throw staleRevision();
        }
        return fn;
    }

    static HearthException staleRevision() {
        return new HearthException(ErrorCode.PRECONDITION_FAILED, "The Revision Id provided does not match the "
                + "latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    }

    private int reservedTotal() {
        return reservations.values().stream().mapToInt(Integer::intValue).sum();
    }

    private FakeVersions versionsOf(String functionName) {
        get(new FunctionRef(functionName, Optional.empty()));
        return versions.get(functionName);
    }

    private FunctionRecord byArn(String arn) {
        return get(new FunctionRef(arns.functionNameOf(arn), Optional.empty()));
    }

    private CodeRef store(byte[] zip) {
        CodeRef ref = codeRef(zip);
        code.put(ref.sha256Hex(), zip.clone());
        return ref;
    }

    static CodeRef codeRef(byte[] zip) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(zip);
            return new CodeRef(HexFormat.of().formatHex(digest), zip.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void maybeFail() {
        RuntimeException e = nextFailure.getAndSet(null);
        if (e != null) throw e;
    }
}
