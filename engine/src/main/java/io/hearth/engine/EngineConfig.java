package io.hearth.engine;

import io.hearth.sandbox.isolation.IsolationLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The engine's settings, validated at construction (documented in docs/configuration.md).
 *
 * @param dataDir           where the store, code, code cache and sandbox files live
 * @param region            the region in ARNs and AWS_REGION
 * @param account           the 12-digit account id in ARNs
 * @param concurrencyLimit  invocations running at once on this node; beyond it, 429
 * @param maxSandboxes      live sandboxes (busy + idle) on this node; idle ones are evicted LRU
 * @param keepAlive         how long an idle sandbox stays warm
 * @param eventRetryDelays  the wait before each retry of a failed Event invocation (Lambda: 1 min, 2 min)
 * @param isolation         how sandboxes are isolated: none, namespaces, or auto (the strongest available)
 * @param pools             the warming pool's bounds (and, with them, what else sizes the pools)
 */
public record EngineConfig(Path dataDir, String region, String account, int concurrencyLimit, int maxSandboxes,
                           Duration keepAlive, List<Duration> eventRetryDelays, IsolationLevel isolation,
                           PoolSettings pools) {
    public EngineConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new IllegalArgumentException("region must look like us-east-1, got " + region);
        }
        if (account == null || !account.matches("\\d{12}")) {
            throw new IllegalArgumentException("account must be 12 digits, got " + account);
        }
        if (concurrencyLimit < 1) throw new IllegalArgumentException("concurrency limit must be ≥ 1");
        if (maxSandboxes < concurrencyLimit) {
            throw new IllegalArgumentException("max sandboxes (" + maxSandboxes + ") must be ≥ the concurrency limit ("
                    + concurrencyLimit + ")");
        }
        if (keepAlive.isNegative() || keepAlive.isZero()) throw new IllegalArgumentException("keep-alive must be > 0");
        eventRetryDelays = List.copyOf(eventRetryDelays);
        if (eventRetryDelays.size() > 2) throw new IllegalArgumentException("at most 2 event retries (Lambda's limit)");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(pools, "pools");
        pools.prediction(keepAlive);   // validates the keep-alive range against the keep-alive
    }

    /** Settings with the default pools ({@link PoolSettings#defaults()}). */
    public EngineConfig(Path dataDir, String region, String account, int concurrencyLimit, int maxSandboxes,
                        Duration keepAlive, List<Duration> eventRetryDelays, IsolationLevel isolation) {
        this(dataDir, region, account, concurrencyLimit, maxSandboxes, keepAlive, eventRetryDelays, isolation,
                PoolSettings.defaults());
    }

    /** Settings with the default isolation ({@code auto}). */
    public EngineConfig(Path dataDir, String region, String account, int concurrencyLimit, int maxSandboxes,
                        Duration keepAlive, List<Duration> eventRetryDelays) {
        this(dataDir, region, account, concurrencyLimit, maxSandboxes, keepAlive, eventRetryDelays, IsolationLevel.AUTO);
    }

    public EngineConfig withIsolation(IsolationLevel level) {
        return new EngineConfig(dataDir, region, account, concurrencyLimit, maxSandboxes, keepAlive, eventRetryDelays,
                level, pools);
    }

    public EngineConfig withPools(PoolSettings settings) {
        return new EngineConfig(dataDir, region, account, concurrencyLimit, maxSandboxes, keepAlive, eventRetryDelays,
                isolation, settings);
    }

    public static EngineConfig defaults(Path dataDir) {
        return new EngineConfig(dataDir, "us-east-1", "000000000000", 64, 128, Duration.ofMinutes(10),
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)));
    }
}
