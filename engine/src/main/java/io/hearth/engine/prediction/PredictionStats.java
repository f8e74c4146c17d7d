package io.hearth.engine.prediction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A point-in-time reading of the pre-warming counters.
 *
 * @param made   predictions acted on: a {@link PrewarmDecision.Prewarm} was returned
 * @param hits   predictions whose call came within the window (from the pre-warm to the release)
 * @param misses predictions whose window passed with no call (a {@link PrewarmDecision.Release} was returned)
 * @param capped beats that were due but not pre-warmed because {@code prewarmMax} predictions were open
 * @param open   predictions waiting for their call now (made − hits − misses, less any forgotten)
 */
public record PredictionStats(long made, long hits, long misses, long capped, long open) {

    /** Prometheus-style names, in a stable order (counters end in {@code _total}). */
    public Map<String, Long> metrics() {
        var m = new LinkedHashMap<String, Long>();
        m.put("hearth_prewarm_predictions_total", made);
        m.put("hearth_prewarm_hits_total", hits);
        m.put("hearth_prewarm_misses_total", misses);
        m.put("hearth_prewarm_capped_total", capped);
        m.put("hearth_prewarm_open", open);
        return m;
    }
}
