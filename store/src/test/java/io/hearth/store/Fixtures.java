package io.hearth.store;

import io.hearth.model.AliasRecord;
import io.hearth.model.CodeRef;
import io.hearth.model.DependencyState;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionRecord;
import io.hearth.model.FunctionVersion;
import io.hearth.model.IdempotencyDecision;
import io.hearth.model.IdempotencyRecord;
import io.hearth.model.LogEntry;
import io.hearth.model.QueuedEvent;
import io.hearth.model.Runtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sample records for the store tests; every instant has millisecond precision. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-22T12:00:00.123Z");

    private Fixtures() {}

    static String sha(int n) {
        return String.format("%064x", n);
    }

    /** A function with every field set to something non-default. */
    static FunctionRecord function(String name, String revisionId, int codeNo) {
        FunctionConfig config = new FunctionConfig(Runtime.PYTHON_3_12, "app.handler", 30, 512,
                Map.of("STAGE", "prod", "GREETING", "h\u00e9llo \"w\u00f6rld\" = {}"), "a description with 'quotes' \u2713");
        FunctionVersion latest = new FunctionVersion(name, FunctionVersion.LATEST, config,
                new CodeRef(sha(codeNo), 1000L + codeNo), revisionId, T0.plusMillis(codeNo));
        return new FunctionRecord(latest, Map.of("team", "core", "cost-center", "42"), T0.minusSeconds(60));
    }

    /** A function at the other end of every range: empty maps and description, no creation time. */
    static FunctionRecord bareFunction(String name) {
        FunctionConfig config = new FunctionConfig(Runtime.PROVIDED_AL2023, "bootstrap", 900, 10240, Map.of(), null);
        FunctionVersion latest = new FunctionVersion(name, "7", config, new CodeRef(sha(0), 0), "rev-bare",
                Instant.ofEpochMilli(0));
        return new FunctionRecord(latest, Map.of(), null);
    }

    static FunctionRecord withDescription(FunctionRecord f, String description, String revisionId) {
        FunctionVersion v = f.latest();
        FunctionConfig c = v.config();
        FunctionConfig changed = new FunctionConfig(c.runtime(), c.handler(), c.timeoutSeconds(), c.memoryMb(),
                c.environment(), description);
        return f.withLatest(new FunctionVersion(v.name(), v.version(), changed, v.code(), revisionId,
                v.lastModified().plusMillis(1)));
    }

    /**
     * Published version {@code number} of function {@code name}, every field set and differing by number
     * (code, description, environment, revision, time), with an execution role.
     */
    static FunctionVersion version(String name, int number) {
        FunctionConfig config = new FunctionConfig(Runtime.NODEJS_22, "index.handler", 60 + number, 256 + number,
                Map.of("VERSION", Integer.toString(number), "QUOTE", "\"\u00e9\" {} \\"),
                "version " + number + " \u2713", "arn:aws:iam::123456789012:role/hearth-" + number);
        return new FunctionVersion(name, Integer.toString(number), config,
                new CodeRef(sha(100 + number), 2000L + number), "vrev-" + number, T0.plusSeconds(number));
    }

    /** Published version {@code number} at the other end of every range: empty maps and description, no role. */
    static FunctionVersion bareVersion(String name, int number) {
        FunctionConfig config = new FunctionConfig(Runtime.PROVIDED_AL2023, "bootstrap", 1, 128, Map.of(), null);
        return new FunctionVersion(name, Integer.toString(number), config, new CodeRef(sha(0), 0), "vrev-bare",
                Instant.ofEpochMilli(0));
    }

    /** An alias of {@code function} routing everything to {@code version}. */
    static AliasRecord alias(String function, String name, String version) {
        return new AliasRecord(function, name, version, "alias " + name, Map.of(), "arev-" + name);
    }

    /**
     * An alias of {@code function} routing {@code weight} of invocations to {@code extra},
     * the rest to {@code version}.
     */
    static AliasRecord routed(String function, String name, String version, String extra, double weight) {
        return new AliasRecord(function, name, version, "routed \u00e9 'alias' \"" + name + "\"", Map.of(extra, weight),
                "arev-" + name);
    }

    static QueuedEvent event(String requestId, Instant notBefore) {
        return new QueuedEvent(requestId, "fn", null, ("{\"id\":\"" + requestId + "\"}").getBytes(StandardCharsets.UTF_8),
                null, 0, T0, notBefore);
    }

    static LogEntry log(String requestId, String function, Instant startedAt) {
        return new LogEntry(requestId, function, "$LATEST", startedAt,
                "START RequestId: " + requestId + "\nhello \u00fcnic\u00f8de\nEND RequestId: " + requestId + "\n");
    }

    /** A successful run's record created at {@code createdAt}, expiring an hour later, with two dependencies. */
    static IdempotencyRecord record(String function, String recordKey, Instant createdAt) {
        return new IdempotencyRecord(function, recordKey, "req-" + recordKey, "3", null,
                ("{\"answer\":\"" + recordKey + "\"}").getBytes(StandardCharsets.UTF_8),
                List.of(new DependencyState("kv:prices/eur", "4"), new DependencyState("code:" + sha(3), sha(3))),
                createdAt, createdAt.plusSeconds(3600));
    }

    static IdempotencyDecision decision(String requestId, String function, Instant decidedAt) {
        return new IdempotencyDecision(requestId, function, false, null, "no prior record", decidedAt);
    }
}
