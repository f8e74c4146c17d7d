package io.hearth.engine.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The identities idempotency compares. A payload's hash is taken over its canonical JSON
 * (object members sorted, insignificant whitespace dropped), so {@code {"a":1,"b":2}} and
 * {@code { "b":2, "a":1 }} are the same request. The code token is the version's code SHA-256
 * plus a hash of every configuration field that can change what runs.
 */
final class RecordKeys {
    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

    private RecordKeys() {}

    /** The record key of a request: function, version label, canonical payload hash. */
    static String recordKey(FunctionVersion v, byte[] payload) {
        return v.version() + ":" + sha256(canonical(payload));
    }

    static byte[] canonical(byte[] payload) {
        try {
            JsonNode tree = JSON.readTree(payload);
            return JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new HearthException(io.hearth.model.ErrorCode.INVALID_REQUEST_CONTENT,
                    "Could not parse request body into json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Code tokens by snapshot ({@code sandboxKey} changes whenever code or configuration does). */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> CODE_TOKENS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The code-and-configuration token of a version (computed once per snapshot). */
    static String codeToken(FunctionVersion v) {
        String key = v.sandboxKey();
        String token = CODE_TOKENS.get(key);
        if (token != null) return token;
        if (CODE_TOKENS.size() > 10_000) CODE_TOKENS.clear();
        token = computeCodeToken(v);
        CODE_TOKENS.put(key, token);
        return token;
    }

    private static String computeCodeToken(FunctionVersion v) {
        FunctionConfig c = v.config();
        var b = new StringBuilder(256).append(c.runtime().id()).append('\n').append(c.handler()).append('\n')
                .append(c.timeoutSeconds()).append('\n').append(c.memoryMb()).append('\n');
        for (Map.Entry<String, String> e : c.environment().entrySet()) {   // sorted: FunctionConfig keeps a TreeMap copy
            b.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return v.code().sha256Hex().substring(0, 16) + "/" + sha256(b.toString().getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
