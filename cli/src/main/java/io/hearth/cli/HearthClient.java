package io.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations the CLI uses, one method per call of the Lambda API ({@code /2015-03-31/...})
 * or the Hearth API ({@code /hearth/v1/...}). Requests are unsigned: Hearth listens on loopback
 * by default and the CLI carries no AWS credentials.
 */
final class HearthClient implements AutoCloseable {
    static final String FUNCTIONS = "/2015-03-31/functions";
    static final String TAGS = "/2017-03-31/tags";
    static final String KV = "/hearth/v1/kv";
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(120);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final HttpTransport transport;

    HearthClient(HttpTransport transport) {
        this.transport = transport;
    }

    /** How one invocation should run. */
    enum InvocationType { REQUEST_RESPONSE, EVENT }

    JsonNode createFunction(ObjectNode request) throws ClientFailure {
        return json(transport.send("POST", FUNCTIONS, Json.bytes(request), JSON, CONTROL_TIMEOUT));
    }

    JsonNode updateFunctionCode(String name, ObjectNode request) throws ClientFailure {
        return json(transport.send("PUT", function(name) + "/code", Json.bytes(request), JSON, CONTROL_TIMEOUT));
    }

    JsonNode updateFunctionConfiguration(String name, ObjectNode request) throws ClientFailure {
        return json(transport.send(
                "PUT", function(name) + "/configuration", Json.bytes(request), JSON, CONTROL_TIMEOUT));
    }

    /** One page of ListFunctions; {@code marker} null asks for the first. */
    JsonNode listFunctions(String marker) throws ClientFailure {
        String query = marker == null ? "" : "?Marker=" + URLEncoder.encode(marker, StandardCharsets.UTF_8);
        return json(transport.send("GET", FUNCTIONS + query, null, Map.of(), CONTROL_TIMEOUT));
    }

    void deleteFunction(String name) throws ClientFailure {
        transport.send("DELETE", function(name), null, Map.of(), CONTROL_TIMEOUT);
    }

    /**
     * Invoke; a sync call waits as long as the function may run, so it has no client timeout.
     * {@code idempotencyKey} (null = none) is sent as {@code Idempotency-Key}.
     */
    ApiResponse invoke(String name, byte[] payload, InvocationType type, boolean tailLog, String idempotencyKey)
            throws ClientFailure {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Invocation-Type", type == InvocationType.EVENT ? "Event" : "RequestResponse");
        headers.put("X-Amz-Log-Type", tailLog ? "Tail" : "None");
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return transport.send("POST", function(name) + "/invocations", payload, headers,
                type == InvocationType.EVENT ? CONTROL_TIMEOUT : null);
    }

    /** TagResource: adds or replaces the function's tags ({@code arn} is its unqualified ARN). */
    void tagResource(String arn, Map<String, String> tags) throws ClientFailure {
        ObjectNode body = Json.object();
        ObjectNode map = body.putObject("Tags");
        tags.forEach(map::put);
        transport.send("POST", TAGS + "/" + encodeAll(arn), Json.bytes(body), JSON, CONTROL_TIMEOUT);
    }

    /** UntagResource: removes the tags with these keys. */
    void untagResource(String arn, List<String> keys) throws ClientFailure {
        StringBuilder query = new StringBuilder();
        for (String key : keys) {
            query.append(query.isEmpty() ? "?" : "&").append("tagKeys=").append(encodeAll(key));
        }
        transport.send("DELETE", TAGS + "/" + encodeAll(arn) + query, null, Map.of(), CONTROL_TIMEOUT);
    }

    /** A key's value; its version is in {@code Hearth-Kv-Version}. */
    ApiResponse kvGet(String namespace, String key) throws ClientFailure {
        return transport.send("GET", kvKey(namespace, key), null, Map.of(), CONTROL_TIMEOUT);
    }

    /** Writes a key; returns its new version. */
    long kvPut(String namespace, String key, byte[] value) throws ClientFailure {
        return version(transport.send("PUT", kvKey(namespace, key), value,
                Map.of("Content-Type", "application/octet-stream"), CONTROL_TIMEOUT));
    }

    /** Deletes a key; returns the version the delete gave it. */
    long kvDelete(String namespace, String key) throws ClientFailure {
        return version(transport.send("DELETE", kvKey(namespace, key), null, Map.of(), CONTROL_TIMEOUT));
    }

    /** One page of a namespace's keys starting with {@code prefix}, after the key {@code after} (null = first). */
    JsonNode kvList(String namespace, String prefix, String after, int limit) throws ClientFailure {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        if (prefix != null) {
            query.append("&prefix=").append(encodeAll(prefix));
        }
        if (after != null) {
            query.append("&after=").append(encodeAll(after));
        }
        return json(transport.send("GET", KV + "/" + segment(namespace) + query, null, Map.of(), CONTROL_TIMEOUT));
    }

    /** A function's idempotency records, newest first ({@code limit} null = the server's default). */
    JsonNode idempotencyRecords(String name, Integer limit) throws ClientFailure {
        String query = limit == null ? "" : "?limit=" + limit;
        return json(transport.send("GET", idempotency(name) + "/records" + query, null, Map.of(), CONTROL_TIMEOUT));
    }

    /** Deletes a function's idempotency records; returns how many. */
    int purgeIdempotencyRecords(String name) throws ClientFailure {
        JsonNode answer = json(transport.send("DELETE", idempotency(name) + "/records", null, Map.of(),
                CONTROL_TIMEOUT));
        return answer.path("purged").asInt();
    }

    /** Why one request of a function was replayed or ran. */
    JsonNode idempotencyDecision(String name, String requestId) throws ClientFailure {
        return json(transport.send("GET", idempotency(name) + "/decisions/" + segment(requestId), null, Map.of(),
                CONTROL_TIMEOUT));
    }

    /** The newest invocation logs of a function ({@code limit} null = the server's default). */
    ApiResponse recentLogs(String name, Integer limit) throws ClientFailure {
        String query = limit == null ? "" : "?limit=" + limit;
        return transport.send("GET", "/hearth/v1/functions/" + segment(name) + "/logs" + query,
                null, Map.of(), CONTROL_TIMEOUT);
    }

    /** The log of one invocation. */
    ApiResponse requestLog(String name, String requestId) throws ClientFailure {
        return transport.send("GET", "/hearth/v1/functions/" + segment(name) + "/logs/" + segment(requestId),
                null, Map.of(), CONTROL_TIMEOUT);
    }

    private static String function(String name) {
        return FUNCTIONS + "/" + segment(name);
    }

    private static String kvKey(String namespace, String key) {
        return KV + "/" + segment(namespace) + "/" + segment(key);
    }

    private static String idempotency(String name) {
        return "/hearth/v1/functions/" + segment(name) + "/idempotency";
    }

    private static long version(ApiResponse response) throws ClientFailure {
        JsonNode version = json(response).get("version");
        if (version == null || !version.canConvertToLong()) {
            throw new ClientFailure.Api(response.status(), "InvalidResponse",
                    "expected {\"version\":N} from the server, got: " + response.text());
        }
        return version.asLong();
    }

    private static JsonNode json(ApiResponse response) throws ClientFailure {
        try {
            return Json.parse(response.body());
        } catch (IOException e) {
            throw new ClientFailure.Api(response.status(), "InvalidResponse",
                    "the server's answer is not JSON: " + e.getMessage());
        }
    }

    /**
     * Percent-encodes one path segment: a function name may be an ARN or carry a qualifier, so
     * {@code :} and {@code $} stay readable, everything outside RFC 3986 unreserved is escaped.
     */
    static String segment(String value) {
        return encode(value, "-._~:$");
    }

    /** Percent-encodes everything outside RFC 3986 unreserved (an ARN's {@code :} too; a query value). */
    static String encodeAll(String value) {
        return encode(value, "-._~");
    }

    private static String encode(String value, String keep) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || keep.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        transport.close();
    }
}
