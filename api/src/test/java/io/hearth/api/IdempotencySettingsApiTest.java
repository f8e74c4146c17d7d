package io.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencySettingsApiTest {
    private final TestApi api = TestApi.start();
    private static final String PATH = "/hearth/v1/functions/fn/idempotency";

    @BeforeEach
    void function() {
        assertThat(api.create(TestApi.createBody("fn", "app.handler")).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void defaultsThenSetThenClear() {
        assertThat(api.get(PATH).json().toString())
                .isEqualTo("{\"idempotent\":false,\"ttlSeconds\":86400,\"replayFailures\":false,\"dependsOn\":[]}");
        var set = api.put(PATH, "{\"idempotent\":true,\"replayFailures\":true,\"dependsOn\":[\"kv:a\",\"kv:b\"]}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().toString())
                .isEqualTo("{\"idempotent\":true,\"ttlSeconds\":86400,\"replayFailures\":true,\"dependsOn\":[\"kv:a\",\"kv:b\"]}");
        var partial = api.put(PATH, "{\"ttlSeconds\":60}");          // the rest unchanged
        assertThat(partial.json().get("idempotent").asBoolean()).isTrue();
        assertThat(partial.json().get("ttlSeconds").asInt()).isEqualTo(60);
        var cleared = api.put(PATH, "{\"idempotent\":false,\"ttlSeconds\":null,\"dependsOn\":[],\"replayFailures\":false}");
        assertThat(cleared.json().toString())
                .isEqualTo("{\"idempotent\":false,\"ttlSeconds\":86400,\"replayFailures\":false,\"dependsOn\":[]}");
    }

    @Test
    void badInputsAreRefused() {
        TestApi.assertError(api.put(PATH, "{\"idempotent\":\"yes\"}"), 400, "InvalidRequestContentException",
                "idempotent");
        TestApi.assertError(api.put(PATH, "{\"color\":\"blue\"}"), 400, "InvalidParameterValueException", "color");
        TestApi.assertError(api.put(PATH, "{nope"), 400, "InvalidRequestContentException", "");
        TestApi.assertError(api.get("/hearth/v1/functions/ghost/idempotency"), 404, "ResourceNotFoundException", "ghost");
        TestApi.assertError(api.get("/hearth/v1/functions/bad%20name/idempotency"), 400,
                "InvalidParameterValueException", "");
    }
}
