package io.hearth.engine.prediction;

/**
 * What the engine should do about pre-warmed sandboxes, as returned by {@link WarmPlanner#tick}.
 * A closed set: handle it with an exhaustive {@code switch}.
 *
 * @param <K> the engine's function key
 */
public sealed interface PrewarmDecision<K> {

    K key();

    /**
     * Start and warm one sandbox of {@code key} now and leave it idle in the pool, so that the call
     * expected at {@code expectedAtMillis} finds it. If no call comes by {@code releaseAtMillis} a
     * {@link Release} follows.
     */
    record Prewarm<K>(K key, long expectedAtMillis, long releaseAtMillis) implements PrewarmDecision<K> {}

    /**
     * The call expected at {@code expectedAtMillis} did not come within its window: stop the
     * sandbox pre-warmed for it if it is still idle (otherwise keep-alive reaps it later).
     */
    record Release<K>(K key, long expectedAtMillis) implements PrewarmDecision<K> {}
}
