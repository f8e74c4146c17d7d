package io.hearth.engine;

import java.util.Map;

/** A point-in-time reading of the engine's counters and gauges, by Prometheus-style name. */
public interface EngineMetrics {

    /** Metric name → value, in a stable order. Counters end in {@code _total}. */
    Map<String, Long> snapshot();
}
