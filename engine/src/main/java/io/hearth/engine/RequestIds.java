package io.hearth.engine;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids (random UUIDs, as Lambda's) and X-Ray style trace ids. Request ids are not
 * secrets: a sandbox's access is bound to its session token, not to the ids it sees.
 */
final class RequestIds {
    private RequestIds() {}

    static String newRequestId() {
        var r = ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                .toString();
    }

    static String newTraceId(long epochMillis) {
        var r = ThreadLocalRandom.current();
        return "Root=1-" + hex(epochMillis / 1000, 8) + "-" + hex(r.nextLong() >>> 16, 12) + hex(r.nextLong() >>> 16, 12)
                + ";Sampled=0";
    }

    private static String hex(long value, int digits) {
        String h = Long.toHexString(value);
        return h.length() >= digits ? h.substring(h.length() - digits) : "0".repeat(digits - h.length()) + h;
    }
}
