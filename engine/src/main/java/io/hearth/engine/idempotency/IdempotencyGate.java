package io.hearth.engine.idempotency;

import io.hearth.model.DependencyState;
import io.hearth.model.FunctionVersion;
import io.hearth.model.IdempotencyRecord;
import io.hearth.model.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a request to an idempotent function may be answered from a prior run, and
 * records runs that may answer later requests.
 *
 * <p>Check: the record for (version, canonical payload) exists, has not expired, and every
 * dependency token it holds equals the dependency's current token → replay. Otherwise the
 * request runs, and the reason is kept: "no prior record", "expired", "code changed",
 * "kv:prices changed 4→5", "dependency unreachable: …".
 *
 * <p>Record: before the run the code token and every declared dependency's token are captured
 * and KV reads are tracked; after a successful run (or a failed one, when the policy replays
 * failures; never a timeout or crash) the declared tokens and every tracked read are checked
 * again, and the record is stored only if none changed meanwhile. A dependency that cannot be
 * read makes the request run and the run unrecordable: never replay on doubt.
 */
final class IdempotencyGate {
    private final RecordCache records;
    private final DependencyProbes probes;
    private final TrackedReads tracked;
    private final Clock clock;

    IdempotencyGate(RecordCache records, DependencyProbes probes, TrackedReads tracked, Clock clock) {
        this.records = records;
        this.probes = probes;
        this.tracked = tracked;
        this.clock = clock;
    }

    /** The outcome of a check. */
    sealed interface Check {}

    record Replay(IdempotencyRecord record, String reason) implements Check {}

    /** Run: {@code before} holds the tokens captured (code first); {@code recordable} false if one was unknowable. */
    record Run(String recordKey, Map<String, String> before, String reason, boolean recordable) implements Check {}

    Check check(FunctionVersion v, IdempotencyPolicy policy, String recordKey, String requestId) {
        String name = v.name();
        String reason;
        var prior = records.get(name, recordKey);
        if (prior.isEmpty()) {
            reason = "no prior record";
        } else if (!prior.get().expiresAt().isAfter(clock.instant())) {
            records.forget(name, recordKey);
            reason = "expired";
        } else {
            reason = firstChange(v, prior.get());
            if (reason == null) {
                return new Replay(prior.get(), "code and " + (prior.get().dependencies().size() - 1)
                        + " dependencies unchanged");
            }
        }
        var before = new LinkedHashMap<String, String>();
        before.put(DependencyUri.CODE, RecordKeys.codeToken(v));
        boolean recordable = true;
        for (String uri : policy.dependsOn()) {
            try {
                before.put(uri, probes.token(name, v, uri));
            } catch (Unknowable e) {
                recordable = false;
                reason += "; not recorded: dependency unreachable: " + e.getMessage();
            }
        }
        tracked.begin(requestId);
        return new Run(recordKey, before, reason, recordable);
    }

    /** The first dependency of {@code prior} whose token differs now, as a reason; null if none. */
    private String firstChange(FunctionVersion v, IdempotencyRecord prior) {
        for (DependencyState d : prior.dependencies()) {
            String now;
            try {
                now = probes.token(v.name(), v, d.uri());
            } catch (Unknowable e) {
                return "dependency unreachable: " + e.getMessage();
            }
            if (!now.equals(d.token())) return describeChange(d.uri(), d.token(), now);
        }
        return null;
    }

    static String describeChange(String uri, String was, String now) {
        if (uri.equals(DependencyUri.CODE)) return "code changed";
        if (uri.startsWith("kv:") && was.startsWith("v") && now.startsWith("v")) {
            return uri + " changed " + was.substring(1) + "→" + now.substring(1);
        }
        return uri + " changed";
    }

    /**
     * After the run of {@code run}: stores a record when the outcome may be replayed and no
     * dependency changed meanwhile. Returns why it was not stored, or null when it was.
     */
    String completed(FunctionVersion v, IdempotencyPolicy policy, Run run, String requestId, Outcome outcome) {
        Map<String, Long> reads = tracked.end(requestId);
        if (!run.recordable()) return "a dependency was unreachable";
        String errorType = null;
        byte[] payload;
        switch (outcome) {
            case Outcome.Success s -> payload = s.payload();
            case Outcome.FunctionError f -> {
                if (!policy.replayFailures()) return "the run failed (" + f.errorType() + ")";
                if (f.sandboxLost()) return "the run did not finish (" + f.errorType() + ")";
                errorType = f.errorType();
                payload = f.payload();
            }
        }
        var deps = new ArrayList<DependencyState>();
        for (var e : run.before().entrySet()) {
            String now;
            try {
                now = probes.token(v.name(), v, e.getKey());
            } catch (Unknowable u) {
                return "dependency unreachable after the run: " + u.getMessage();
            }
            if (!now.equals(e.getValue())) return describeChange(e.getKey(), e.getValue(), now) + " during the run";
            deps.add(new DependencyState(e.getKey(), e.getValue()));
        }
        for (var read : reads.entrySet()) {
            if (run.before().containsKey(read.getKey())) continue;
            String seen = "v" + read.getValue();
            String now;
            try {
                now = probes.token(v.name(), v, read.getKey());
            } catch (Unknowable u) {
                return "dependency unreachable after the run: " + u.getMessage();
            }
            if (!now.equals(seen)) return describeChange(read.getKey(), seen, now) + " during the run";
            deps.add(new DependencyState(read.getKey(), seen));
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        records.put(new IdempotencyRecord(v.name(), run.recordKey(), requestId, v.version(), errorType, payload,
                List.copyOf(deps), now, now.plus(policy.ttl())));
        return null;
    }
}
