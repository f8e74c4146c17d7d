package io.hearth.api;

import static io.hearth.api.TestApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.model.KvEntry;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The key-value routes of the Hearth API through real HTTP: raw values, versions, listings, refusals. */
class KvApiTest {
    private static final String FN = "/hearth/v1/kv/function:fn";
    private static final String SHARED = "/hearth/v1/kv/shared:prices";
    private static final String INVALID = "InvalidParameterValueException";
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

    private static TestApi.Reply put(String path, byte[] value) {
        return api.send("PUT", path, HttpRequest.BodyPublishers.ofByteArray(value));
    }

    @Test
    void putThenGetReturnsTheRawBytesAndTheVersion() {
        byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28, '\n'};

        TestApi.Reply first = api.put(FN + "/greeting", "{\"hello\":\"world\"}");
        TestApi.Reply second = put(FN + "/greeting", binary);
        TestApi.Reply got = api.get(FN + "/greeting");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).isEqualTo(TestApi.JSON.createObjectNode().put("version", 1));
        assertThat(second.json().get("version").longValue()).isEqualTo(2);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(binary);
        assertThat(got.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(got.header("Hearth-Kv-Version")).isEqualTo("2");
        assertThat(got.header("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
        assertThat(api.kv.get("function:fn", "greeting").orElseThrow().value()).isEqualTo(binary);
    }

    @Test
    void valuesNeedNotBeJsonAndMayBeEmpty() {
        assertThat(api.put(SHARED + "/plain", "not json at all").status()).isEqualTo(200);
        assertThat(put(SHARED + "/empty", new byte[0]).status()).isEqualTo(200);

        assertThat(api.get(SHARED + "/plain").text()).isEqualTo("not json at all");
        TestApi.Reply empty = api.get(SHARED + "/empty");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(empty.header("Hearth-Kv-Version")).isEqualTo("1");
    }

    @Test
    void namespacesAreSeparate() {
        api.put(FN + "/k", "1");
        api.put(SHARED + "/k", "2");
        api.put("/hearth/v1/kv/function:other/k", "3");

        assertThat(api.get(FN + "/k").text()).isEqualTo("1");
        assertThat(api.get(SHARED + "/k").text()).isEqualTo("2");
        assertThat(api.get("/hearth/v1/kv/function:other/k").text()).isEqualTo("3");
        assertThat(api.kv.get("shared:prices", "k")).isPresent();
    }

    @Test
    void encodedSlashesAndColonsBelongToTheKey() {
        assertThat(api.put(FN + "/users%2F42%2Fprofile", "x").status()).isEqualTo(200);
        assertThat(api.put("/hearth/v1/kv/shared%3Aprices/a%3Ab%20c", "y").status()).isEqualTo(200);

        assertThat(api.kv.get("function:fn", "users/42/profile")).isPresent();
        assertThat(api.kv.get("shared:prices", "a:b c")).isPresent();
        assertThat(api.get(FN + "/users%2F42%2Fprofile").text()).isEqualTo("x");
        assertError(api.get(FN + "/users/42"), 404, "UnknownOperationException", "No operation matches");
        assertError(api.get(FN + "/%2E%2E"), 400, "InvalidRequestContentException", "Ambiguous");
    }

    @Test
    void missingKeysAre404() {
        assertError(api.get(FN + "/nope"), 404, "ResourceNotFoundException",
                "Key not found: nope in namespace function:fn");
        assertError(api.delete(FN + "/nope"), 404, "ResourceNotFoundException", "Key not found: nope");
        assertThat(api.kv.version("function:fn", "nope")).as("a refused delete writes nothing").isZero();
    }

    @Test
    void deleteAnswersTheNewVersionAndTheKeyIsGone() {
        api.put(FN + "/k", "v");

        TestApi.Reply deleted = api.delete(FN + "/k");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).isEqualTo(TestApi.JSON.createObjectNode().put("version", 2));
        assertError(api.get(FN + "/k"), 404, "ResourceNotFoundException", "Key not found: k");
        assertThat(api.delete(FN + "/k").json().get("version").longValue())
                .as("deleting a deleted key writes nothing and answers its version").isEqualTo(2);
        assertThat(api.put(FN + "/k", "again").json().get("version").longValue()).isEqualTo(3);
    }

    @Test
    void valuesAreCappedAtTheStoreLimit() {
        byte[] max = new byte[KvEntry.MAX_VALUE_BYTES];
        byte[] over = new byte[KvEntry.MAX_VALUE_BYTES + 1];

        assertThat(put(FN + "/big", max).status()).isEqualTo(200);
        assertError(put(FN + "/big", over), 413, "RequestTooLargeException",
                "Request must be smaller than " + KvEntry.MAX_VALUE_BYTES + " bytes for the PutKey operation");
        assertThat(api.kv.version("function:fn", "big")).isEqualTo(1);
        assertThat(api.get(FN + "/big").status()).as("the connection is still usable").isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fn", "function:", "function:bad%20name", "shared:", "shared:a%2Fb", "shared:bad!",
        "kv:fn", "Function:fn"})
    void badNamespacesAre400(String namespace) {
        String path = "/hearth/v1/kv/" + namespace;
        String message = namespace.startsWith("function:") ? "'functionName'" : "Namespace '";

        assertError(api.get(path + "/k"), 400, INVALID, message);
        assertError(api.put(path + "/k", "v"), 400, INVALID, message);
        assertError(api.delete(path + "/k"), 400, INVALID, message);
        assertError(api.get(path), 400, INVALID, message);
    }

    @Test
    void wrongMethodsAre405() {
        assertError(api.post(FN + "/k", "v"), 405, "MethodNotAllowedException", "POST");
        assertError(api.put(FN, "v"), 405, "MethodNotAllowedException", "PUT");
    }

    @Test
    void listShowsLiveKeysInOrderWithTextOrBase64Values() {
        api.put(FN + "/b", "{\"n\":2}");
        api.put(FN + "/a", "text é");
        put(FN + "/c", new byte[] {(byte) 0xff, 0});
        api.put(FN + "/gone", "x");
        api.delete(FN + "/gone");

        JsonNode list = api.get(FN).json();

        assertThat(list.get("items")).hasSize(3);
        assertThat(list.get("items").get(0)).isEqualTo(TestApi.JSON.createObjectNode()
                .put("key", "a").put("version", 1).put("value", "text é"));
        assertThat(list.get("items").get(1).get("value").textValue()).isEqualTo("{\"n\":2}");
        assertThat(list.get("items").get(2)).isEqualTo(TestApi.JSON.createObjectNode().put("key", "c")
                .put("version", 1).put("value", Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0}))
                .put("encoding", "base64"));
        assertThat(list.get("next").isNull()).isTrue();
    }

    @Test
    void listFiltersByPrefixAndPagesWithNext() {
        for (int i = 0; i < 7; i++) {
            api.put(FN + "/user%2F" + i, "u" + i);
        }
        api.put(FN + "/other", "o");

        List<String> keys = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = api.get(FN + "?prefix=user%2F&limit=3" + (after == null ? "" : "&after=" + after)).json();
            page.get("items").forEach(item -> keys.add(item.get("key").textValue()));
            after = page.get("next").isNull() ? null : page.get("next").textValue().replace("/", "%2F");
            pages++;
        } while (after != null);

        assertThat(keys).containsExactly("user/0", "user/1", "user/2", "user/3", "user/4", "user/5", "user/6");
        assertThat(pages).isEqualTo(3);
        assertThat(api.get(FN + "?limit=8").json().get("next").isNull()).as("an exact fit has no next page").isTrue();
        assertThat(api.get(FN + "?limit=7").json().get("next").textValue()).isEqualTo("user/5");
        assertThat(api.get(FN + "?prefix=&after=&limit=2").json().get("items"))
                .as("empty parameters mean every key, from the start")
                .extracting(item -> item.get("key").textValue()).containsExactly("other", "user/0");
    }

    @Test
    void listLimitDefaultsTo100AndIsBounded() {
        for (int i = 0; i < 101; i++) {
            api.kv.put("shared:prices", String.format("k%03d", i), new byte[] {'1'});
        }

        JsonNode page = api.get(SHARED).json();

        assertThat(page.get("items")).hasSize(100);
        assertThat(page.get("next").textValue()).isEqualTo("k099");
        assertThat(api.get(SHARED + "?limit=1000").json().get("items")).hasSize(101);
        for (String limit : new String[] {"0", "1001", "-1", "ten"}) {
            assertError(api.get(SHARED + "?limit=" + limit), 400, INVALID,
                    "limit must be an integer between 1 and 1000; got '" + limit + "'");
        }
    }

    @Test
    void emptyNamespaceListsNothing() {
        JsonNode list = api.get("/hearth/v1/kv/shared:empty").json();

        assertThat(list.get("items")).isEmpty();
        assertThat(list.get("next").isNull()).isTrue();
        assertThat(new String(api.get("/hearth/v1/kv/shared:empty").body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"items\":[],\"next\":null}");
    }
}
