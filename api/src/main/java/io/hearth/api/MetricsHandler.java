package io.hearth.api;

import io.hearth.engine.EngineMetrics;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /hearth/v1/metrics} → the engine's counters and gauges in the Prometheus text
 * format ({@code text/plain; version=0.0.4}). A key may carry labels ({@code name{runtime="python"}});
 * the series of one name must be adjacent in the snapshot (one TYPE line precedes them).
 */
final class MetricsHandler implements Operation {
    private final EngineMetrics metrics;

    MetricsHandler(EngineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Exchange ex) {
        var b = new StringBuilder(2048);
        var typed = new java.util.HashSet<String>();
        for (var e : metrics.snapshot().entrySet()) {
            String key = e.getKey();
            int brace = key.indexOf('{');
            String name = brace < 0 ? key : key.substring(0, brace);   // labelled series share one TYPE line
            if (typed.add(name)) {
                b.append("# TYPE ").append(name).append(' ').append(name.endsWith("_total") ? "counter" : "gauge")
                        .append('\n');
            }
            b.append(key).append(' ').append(e.getValue()).append('\n');
        }
        ex.bytes(200, "text/plain; version=0.0.4; charset=utf-8", b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
