package io.hearth.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A function as stored: its mutable {@code $LATEST} snapshot and its tags. */
public record FunctionRecord(FunctionVersion latest, Map<String, String> tags, Instant createdAt) {
    public FunctionRecord {
        tags = tags == null ? Map.of() : Map.copyOf(new TreeMap<>(tags));
    }

    public String name() {
        return latest.name();
    }

    public FunctionRecord withLatest(FunctionVersion v) {
        return new FunctionRecord(v, tags, createdAt);
    }

    public FunctionRecord withTags(Map<String, String> t) {
        return new FunctionRecord(latest, t, createdAt);
    }
}
