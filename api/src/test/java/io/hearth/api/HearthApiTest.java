package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.model.LogEntry;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hearth's own surface: health, invocation logs and code downloads. */
class HearthApiTest {
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
    }

    @Test
    void healthFollowsReadiness() {
        TestApi.Reply up = api.get("/health");
        api.ready.set(false);
        TestApi.Reply down = api.get("/health");

        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json()).isEqualTo(TestApi.JSON.createObjectNode().put("status", "ok"));
        assertThat(up.header("x-amzn-RequestId")).isNotBlank();
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("status").textValue()).isEqualTo("unavailable");
    }

    @Test
    void logsAreListedNewestFirstWithALimit() {
        for (int i = 0; i < 25; i++) {
            api.logs.add(new LogEntry("req-" + i, "fn", "$LATEST", Instant.parse("2026-11-22T12:00:00Z").plusSeconds(i),
                    "START RequestId: req-" + i + "\n"));
        }
        api.logs.add(new LogEntry("other", "other-fn", "$LATEST", Instant.parse("2026-11-22T13:00:00Z"), "x"));

        JsonNode defaults = api.get("/hearth/v1/functions/fn/logs").json();
        JsonNode three = api.get("/hearth/v1/functions/fn/logs?limit=3").json();

        assertThat(defaults.get("logs")).hasSize(20);
        assertThat(three.get("logs")).extracting(e -> e.get("requestId").textValue())
                .containsExactly("req-24", "req-23", "req-22");
        assertThat(three.get("logs").get(0)).isEqualTo(TestApi.JSON.createObjectNode()
                .put("requestId", "req-24").put("version", "$LATEST").put("startedAt", "2026-11-22T12:00:24Z")
                .put("text", "START RequestId: req-24\n"));
        assertThat(api.get("/hearth/v1/functions/fn/logs?limit=1000").json().get("logs")).hasSize(25);
    }

    @Test
    void badLogLimitsAndNamesAreRefused() {
        for (String limit : new String[] {"0", "1001", "many"}) {
            assertError(api.get("/hearth/v1/functions/fn/logs?limit=" + limit), 400,
                    "InvalidParameterValueException", "limit must be an integer between 1 and 1000");
        }
        assertError(api.get("/hearth/v1/functions/bad%20name/logs"), 400, "InvalidParameterValueException",
                "'functionName'");
    }

    @Test
    void oneLogByRequestIdOr404() {
        api.logs.add(new LogEntry("r1", "fn", "$LATEST", Instant.parse("2026-11-22T12:00:00Z"), "REPORT"));

        TestApi.Reply found = api.get("/hearth/v1/functions/fn/logs/r1");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("text").textValue()).isEqualTo("REPORT");
        assertError(api.get("/hearth/v1/functions/fn/logs/r2"), 404, "ResourceNotFoundException", "r2");
        assertError(api.get("/hearth/v1/functions/other/logs/r1"), 404, "ResourceNotFoundException", "r1");
    }

    @Test
    void codeIsDownloadableAsZipBySha256() {
        byte[] zip = TestApi.zip("index.py", "x = 1\n");
        api.create(TestApi.createBody("dl", "index.handler")
                .set("Code", TestApi.JSON.createObjectNode().put("ZipFile", java.util.Base64.getEncoder()
                        .encodeToString(zip))));
        String sha = FakeControlPlane.codeRef(zip).sha256Hex();

        TestApi.Reply r = api.get("/hearth/v1/code/" + sha);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/zip");
        assertThat(r.body()).isEqualTo(zip);
        assertError(api.get("/hearth/v1/code/" + "0".repeat(64)), 404, "ResourceNotFoundException", "0000");
        assertError(api.get("/hearth/v1/code/" + sha.toUpperCase()), 400, "InvalidParameterValueException",
                "lowercase hex SHA-256");
        assertError(api.get("/hearth/v1/code/abc"), 400, "InvalidParameterValueException", "abc");
    }
}
