package io.hearth.api;

import io.hearth.model.HearthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Invoke request headers beyond the invocation type: {@code X-Amz-Log-Type} (None | Tail),
 * {@code X-Amz-Client-Context} (base64 of a JSON object, at most 3583 characters as sent) and
 * Hearth's {@code Idempotency-Key} (1–255 visible ASCII characters); and the headers of an answer
 * that replays an earlier run of an idempotent function.
 */
final class InvokeHeaders {
    static final String INVOCATION_TYPE = "X-Amz-Invocation-Type";
    static final String LOG_TYPE = "X-Amz-Log-Type";
    static final String CLIENT_CONTEXT = "X-Amz-Client-Context";
    static final int MAX_CLIENT_CONTEXT = 3583;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_IDEMPOTENCY_KEY = 255;
    static final String IDEMPOTENT = "X-Hearth-Idempotent";
    static final String REPLAY_OF = "X-Hearth-Replay-Of";

    private InvokeHeaders() {}

    /** True for {@code Tail}; false for absent or {@code None}; anything else is refused. */
    static boolean tail(String logType) {
        if (logType == null || logType.isEmpty() || logType.equals("None")) return false;
        if (logType.equals("Tail")) return true;
        throw HearthException.invalid("1 validation error detected: Value '" + logType + "' at 'logType' failed to "
                + "satisfy constraint: Member must satisfy enum value set: [None, Tail]");
    }

    /** The decoded JSON of the client context, or null when the header is absent. */
    static String clientContext(String header) {
        if (header == null || header.isEmpty()) return null;
        if (header.length() > MAX_CLIENT_CONTEXT) {
            throw HearthException.invalid("Client context must be less than or equal to " + MAX_CLIENT_CONTEXT
                    + " bytes (base64-encoded); got " + header.length());
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(header);
        } catch (IllegalArgumentException e) {
            throw notJson();
        }
        if (!JsonCodec.isObject(json)) throw notJson();
        return new String(json, StandardCharsets.UTF_8);
    }

    private static HearthException notJson() {
        return HearthException.invalid("Client context must be a valid Base64-encoded JSON object.");
    }

    /**
     * The {@code Idempotency-Key} header, or null when absent; refused unless it is 1–255
     * characters, each visible ASCII ({@code !} to {@code ~}). A loop, not a regex: this runs on
     * the invoke path.
     */
    static String idempotencyKey(String header) {
        if (header == null) return null;
        int n = header.length();
        boolean ok = n >= 1 && n <= MAX_IDEMPOTENCY_KEY;
        for (int i = 0; ok && i < n; i++) {
            char c = header.charAt(i);
            ok = c >= '!' && c <= '~';
        }
        if (!ok) {
            throw HearthException.invalid("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY
                    + " visible ASCII characters (no spaces); got " + n + " characters");
        }
        return header;
    }
}
