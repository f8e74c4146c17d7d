package io.hearth.engine;

import io.hearth.engine.idempotency.IdempotencyPolicy;
import io.hearth.model.AliasRecord;
import io.hearth.model.Arns;
import io.hearth.model.FunctionRecord;
import io.hearth.model.FunctionRef;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.store.AliasStore;
import io.hearth.store.FunctionStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Resolves a function reference to the immutable version that runs, from memory: {@code $LATEST},
 * a published version, or an alias (which splits invocations between its version and one
 * additional version by weight). Loaded from the store at start; the control plane updates it
 * after every committed change, so the invoke path never reads the database. Each function's
 * entry is an immutable snapshot replaced whole (copy on write).
 */
final class FunctionRegistry {
    /** Everything the invoke path needs of one function. */
    record Entry(FunctionRecord record, Map<String, FunctionVersion> versions, Map<String, AliasRecord> aliases,
                 IdempotencyPolicy policy, Map<String, IdempotencyPolicy> versionPolicies) {}

    private final ConcurrentHashMap<String, Entry> byName = new ConcurrentHashMap<>();
    private final Arns arns;

    FunctionRegistry(FunctionStore functions, AliasStore aliases, Arns arns) {
        this.arns = arns;
        String after = null;
        while (true) {
            var page = functions.list(after, 1000);
            for (FunctionRecord f : page) {
                var versions = new HashMap<String, FunctionVersion>();
                for (FunctionVersion v : functions.versions(f.name())) versions.put(v.version(), v);
                var aliasMap = new HashMap<String, AliasRecord>();
                for (AliasRecord a : aliases.list(f.name())) aliasMap.put(a.name(), a);
                var versionPolicies = new HashMap<String, IdempotencyPolicy>();
                functions.versionSettings(f.name()).forEach((n, tags) -> versionPolicies.put(n, policyOf(f.name(), tags)));
                byName.put(f.name(), new Entry(f, Map.copyOf(versions), Map.copyOf(aliasMap), policyOf(f),
                        Map.copyOf(versionPolicies)));
            }
            if (page.size() < 1000) break;
            after = page.getLast().name();
        }
    }

    /** The version an invocation of {@code ref} runs: an alias with routing picks by weight. */
    FunctionVersion resolve(FunctionRef ref) {
        Entry e = entry(ref);
        String q = ref.qualifierOrLatest();
        AliasRecord alias = e.aliases().get(q);
        if (alias != null) {
            String target = alias.functionVersion();
            for (var w : alias.additionalVersionWeights().entrySet()) {
                if (ThreadLocalRandom.current().nextDouble() < w.getValue()) target = w.getKey();
            }
            return version(e, ref.name(), target);
        }
        return version(e, ref.name(), q);
    }

    /** The version {@code ref} names, without routing: an alias's primary version. */
    FunctionVersion named(FunctionRef ref) {
        Entry e = entry(ref);
        String q = ref.qualifierOrLatest();
        AliasRecord alias = e.aliases().get(q);
        return version(e, ref.name(), alias != null ? alias.functionVersion() : q);
    }

    private Entry entry(FunctionRef ref) {
        Entry e = byName.get(ref.name());
        if (e == null) {
            throw HearthException.notFound("Function not found: " + arns.function(ref.name())
                    + ref.qualifier().map(q -> ":" + q).orElse(""));
        }
        return e;
    }

    private FunctionVersion version(Entry e, String name, String label) {
        if (label.equals(FunctionVersion.LATEST)) return e.record().latest();
        FunctionVersion v = e.versions().get(label);
        if (v == null) throw HearthException.notFound("Function not found: " + arns.function(name, label));
        return v;
    }

    /** Whether {@code v} is still what it was published or deployed as (its warm sandboxes may be reused). */
    boolean isCurrent(FunctionVersion v) {
        Entry e = byName.get(v.name());
        if (e == null) return false;
        if (v.version().equals(FunctionVersion.LATEST)) return e.record().latest().revisionId().equals(v.revisionId());
        return e.versions().containsKey(v.version());
    }

    Optional<FunctionRecord> get(String name) {
        return Optional.ofNullable(byName.get(name)).map(Entry::record);
    }

    Optional<Entry> entry(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The idempotency settings {@code v} runs with: {@code $LATEST} follows the function's tags;
     * a published version keeps those it was published with.
     */
    IdempotencyPolicy policy(FunctionVersion v) {
        Entry e = byName.get(v.name());
        if (e == null) return IdempotencyPolicy.OFF;
        if (v.version().equals(FunctionVersion.LATEST)) return e.policy();
        return e.versionPolicies().getOrDefault(v.version(), IdempotencyPolicy.OFF);
    }

    void put(FunctionRecord f) {
        byName.compute(f.name(), (k, old) -> old == null ? new Entry(f, Map.of(), Map.of(), policyOf(f), Map.of())
                : new Entry(f, old.versions(), old.aliases(), policyOf(f), old.versionPolicies()));
    }

    void remove(String name) {
        byName.remove(name);
    }

    /** A newly published version and the settings (hearth:* tags) it was published with. */
    void putVersion(FunctionVersion v, Map<String, String> settings) {
        IdempotencyPolicy p = policyOf(v.name(), settings);
        change(v.name(), e -> new Entry(e.record(), with(e.versions(), v.version(), v), e.aliases(), e.policy(),
                with(e.versionPolicies(), v.version(), p)));
    }

    void removeVersion(String name, String number) {
        change(name, e -> new Entry(e.record(), without(e.versions(), number), e.aliases(), e.policy(),
                without(e.versionPolicies(), number)));
    }

    void putAlias(AliasRecord a) {
        change(a.functionName(), e -> new Entry(e.record(), e.versions(), with(e.aliases(), a.name(), a), e.policy(),
                e.versionPolicies()));
    }

    void removeAlias(String name, String alias) {
        change(name, e -> new Entry(e.record(), e.versions(), without(e.aliases(), alias), e.policy(),
                e.versionPolicies()));
    }

    private void change(String name, UnaryOperator<Entry> f) {
        byName.computeIfPresent(name, (k, e) -> f.apply(e));
    }

    private static <V> Map<String, V> with(Map<String, V> m, String k, V v) {
        var copy = new HashMap<>(m);
        copy.put(k, v);
        return Map.copyOf(copy);
    }

    private static <V> Map<String, V> without(Map<String, V> m, String k) {
        var copy = new HashMap<>(m);
        copy.remove(k);
        return Map.copyOf(copy);
    }

    static List<String> sortedNumbers(Map<String, FunctionVersion> versions) {
        return versions.keySet().stream().sorted(java.util.Comparator.comparingLong(Long::parseLong)).toList();
    }

    private static IdempotencyPolicy policyOf(FunctionRecord f) {
        return policyOf(f.name(), f.tags());
    }

    private static IdempotencyPolicy policyOf(String name, Map<String, String> tags) {
        try {
            return IdempotencyPolicy.fromTags(tags);
        } catch (HearthException e) {
            System.err.println("hearth: function " + name + " has invalid idempotency tags, treated as not "
                    + "idempotent: " + e.getMessage());
            return IdempotencyPolicy.OFF;
        }
    }
}
