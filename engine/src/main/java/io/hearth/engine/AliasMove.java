package io.hearth.engine;

import io.hearth.model.AliasRecord;
import io.hearth.model.FunctionVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An alias's routing before and after an UpdateAlias: each version's share of the alias's traffic
 * (the primary gets what the additional weights leave). A version whose share grows is one the
 * alias moves to, and it gets a {@link Handover} when it has too few warm sandboxes for its share.
 * {@code provisioned}: the sandboxes provisioned concurrency keeps for the alias; they follow its
 * primary version ({@code primaryAfter}, a sandbox key) by themselves ({@link ProvisionedConcurrency}).
 */
record AliasMove(String functionName, String alias, List<Share> before, List<Share> after, String primaryAfter,
                 int provisioned) {
    private static final double EPSILON = 1e-9;   // weights are sums of decimal fractions

    /** One version's share of the alias's traffic, in [0, 1]. */
    record Share(FunctionVersion version, double weight) {}

    AliasMove {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** The move from {@code old} to {@code next}; {@code version} resolves a version label ("7", "$LATEST"). */
    static AliasMove of(AliasRecord old, AliasRecord next, Function<String, FunctionVersion> version,
                        int provisioned) {
        return new AliasMove(next.functionName(), next.name(), shares(old, version), shares(next, version),
                version.apply(next.functionVersion()).sandboxKey(), provisioned);
    }

    /** Sandboxes of {@code sandboxKey} that provisioned concurrency starts for the alias after the move. */
    int provisionedFor(String sandboxKey) {
        return sandboxKey.equals(primaryAfter) ? provisioned : 0;
    }

    private static List<Share> shares(AliasRecord a, Function<String, FunctionVersion> version) {
        var byKey = new LinkedHashMap<String, Share>();
        double additional = 0;
        for (var w : a.additionalVersionWeights().entrySet()) {
            add(byKey, version.apply(w.getKey()), w.getValue());
            additional += w.getValue();
        }
        add(byKey, version.apply(a.functionVersion()), Math.max(0, 1 - additional));
        return List.copyOf(byKey.values());
    }

    private static void add(Map<String, Share> byKey, FunctionVersion v, double weight) {
        byKey.merge(v.sandboxKey(), new Share(v, weight), (x, y) -> new Share(x.version(), x.weight() + y.weight()));
    }

    /** The share {@code sandboxKey} had before the move (0 when the alias did not route to it). */
    double shareBefore(String sandboxKey) {
        return before.stream().filter(s -> s.version().sandboxKey().equals(sandboxKey)).mapToDouble(Share::weight)
                .sum();
    }

    /** The versions whose share of the alias's traffic grows, with their new share. */
    List<Share> gaining() {
        var out = new ArrayList<Share>();
        for (Share s : after) {
            if (s.weight() > shareBefore(s.version().sandboxKey()) + EPSILON) out.add(s);
        }
        return out;
    }

    /**
     * How many sandboxes of a gaining version to start: as many as the alias's versions had warm
     * ({@code aliasWarm}), at least one, less those it has ({@code targetWarm}); zero or less: it
     * has enough. Not its share of them: routing picks a version per request at random, so at any
     * moment every request in flight may go to one version. What a small share does not use ages
     * out by keep-alive.
     */
    static long toWarm(long aliasWarm, long targetWarm) {
        return Math.max(1, aliasWarm) - targetWarm;
    }
}
