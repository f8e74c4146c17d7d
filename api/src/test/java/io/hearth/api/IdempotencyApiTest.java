package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.model.DependencyState;
import io.hearth.model.IdempotencyDecision;
import io.hearth.model.IdempotencyRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The idempotency routes of the Hearth API through real HTTP: records, purges and decisions. */
class IdempotencyApiTest {
    private static final String RECORDS = "/hearth/v1/functions/fn/idempotency/records";
    private static final String DECISIONS = "/hearth/v1/functions/fn/idempotency/decisions/";
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @BeforeEach
    void reset() {
        api.reset();
        api.create("fn");
        api.create("other");
    }

    private static IdempotencyRecord record(String function, int i, String errorType, DependencyState... deps) {
        return new IdempotencyRecord(function, "key-" + i, "req-" + i, "$LATEST", errorType,
                "{}".getBytes(StandardCharsets.UTF_8), List.of(deps), T0.plusSeconds(i), T0.plusSeconds(86_400 + i));
    }

    @Test
    void recordsAreListedNewestFirstWithTheirDependencies() {
        api.idempotency.add(record("fn", 1, null, new DependencyState("code:", "abc"),
                new DependencyState("kv:prices", "4")));
        api.idempotency.add(record("fn", 2, "ValueError"));
        api.idempotency.add(record("other", 3, null));

        TestApi.Reply r = api.get(RECORDS);

        assertThat(r.status()).isEqualTo(200);
        JsonNode records = r.json().get("records");
        assertThat(records).extracting(n -> n.get("requestId").textValue()).containsExactly("req-2", "req-1");
        assertThat(records.get(1).toString()).isEqualTo("{\"recordKey\":\"key-1\",\"requestId\":\"req-1\","
                + "\"executedVersion\":\"$LATEST\",\"errorType\":null,\"createdAt\":\"2026-11-22T12:00:01Z\","
                + "\"expiresAt\":\"2026-11-23T12:00:01Z\",\"dependencies\":[{\"uri\":\"code:\",\"token\":\"abc\"},"
                + "{\"uri\":\"kv:prices\",\"token\":\"4\"}]}");
        assertThat(records.get(0).get("errorType").textValue()).isEqualTo("ValueError");
        assertThat(records.get(0).get("dependencies")).isEmpty();
        assertThat(records.get(0).has("payload")).as("stored answers are not listed").isFalse();
    }

    @Test
    void recordLimitDefaultsTo50AndIsBounded() {
        for (int i = 0; i < 60; i++) {
            api.idempotency.add(record("fn", i, null));
        }

        assertThat(api.get(RECORDS).json().get("records")).hasSize(50);
        assertThat(api.get(RECORDS + "?limit=2").json().get("records"))
                .extracting(n -> n.get("requestId").textValue()).containsExactly("req-59", "req-58");
        assertThat(api.get(RECORDS + "?limit=1000").json().get("records")).hasSize(60);
        for (String limit : new String[] {"0", "1001", "x"}) {
            assertError(api.get(RECORDS + "?limit=" + limit), 400, "InvalidParameterValueException",
                    "limit must be an integer between 1 and 1000");
        }
    }

    @Test
    void purgeDeletesOnlyThatFunctionsRecords() {
        api.idempotency.add(record("fn", 1, null));
        api.idempotency.add(record("fn", 2, null));
        api.idempotency.add(record("other", 3, null));

        TestApi.Reply purged = api.delete(RECORDS);
        TestApi.Reply again = api.delete(RECORDS);

        assertThat(purged.status()).isEqualTo(200);
        assertThat(purged.json()).isEqualTo(TestApi.JSON.createObjectNode().put("purged", 2));
        assertThat(again.json().get("purged").intValue()).isZero();
        assertThat(api.idempotency.all()).extracting(IdempotencyRecord::functionName).containsExactly("other");
    }

    @Test
    void unknownOrBadFunctionsAreRefused() {
        assertError(api.get("/hearth/v1/functions/ghost/idempotency/records"), 404, "ResourceNotFoundException",
                "ghost");
        assertError(api.delete("/hearth/v1/functions/ghost/idempotency/records"), 404, "ResourceNotFoundException",
                "ghost");
        assertError(api.get("/hearth/v1/functions/bad%20name/idempotency/records"), 400,
                "InvalidParameterValueException", "'functionName'");
        assertError(api.delete("/hearth/v1/functions/bad%20name/idempotency/records"), 400,
                "InvalidParameterValueException", "'functionName'");
        assertError(api.get("/hearth/v1/functions/a.b/idempotency/decisions/r1"), 400,
                "InvalidParameterValueException", "'functionName'");
        assertError(api.post(RECORDS, "{}"), 405, "MethodNotAllowedException", "POST");
    }

    @Test
    void decisionsExplainReplaysAndRuns() {
        api.idempotency.add(new IdempotencyDecision("r2", "fn", true, "r1", null, T0.plusSeconds(5)));
        api.idempotency.add(new IdempotencyDecision("r3", "fn", false, null, "kv:prices changed 4→5",
                T0.plusSeconds(9)));

        TestApi.Reply replayed = api.get(DECISIONS + "r2");
        TestApi.Reply ran = api.get(DECISIONS + "r3");

        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.text()).isEqualTo("{\"requestId\":\"r2\",\"replayed\":true,\"priorRequestId\":\"r1\","
                + "\"reason\":null,\"decidedAt\":\"2026-11-22T12:00:05Z\"}");
        assertThat(ran.json().get("replayed").booleanValue()).isFalse();
        assertThat(ran.json().get("priorRequestId").isNull()).isTrue();
        assertThat(ran.json().get("reason").textValue()).isEqualTo("kv:prices changed 4→5");
    }

    @Test
    void unknownDecisionsAre404() {
        api.idempotency.add(new IdempotencyDecision("r2", "fn", true, "r1", null, T0));

        assertError(api.get(DECISIONS + "nope"), 404, "ResourceNotFoundException",
                "No idempotency decision for request nope of function fn");
        assertError(api.get("/hearth/v1/functions/other/idempotency/decisions/r2"), 404,
                "ResourceNotFoundException", "request r2 of function other");
    }
}
