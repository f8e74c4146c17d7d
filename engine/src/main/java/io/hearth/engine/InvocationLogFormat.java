package io.hearth.engine;

import io.hearth.model.FunctionVersion;
import io.hearth.sandbox.RunResult;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Lambda's log lines around an invocation's output:
 * <pre>
 * START RequestId: ID Version: $LATEST
 * …output…
 * END RequestId: ID
 * REPORT RequestId: ID	Duration: 1.52 ms	Billed Duration: 2 ms	Memory Size: 128 MB	Max Memory Used: 19 MB	Init Duration: 31.20 ms
 * </pre>
 */
final class InvocationLogFormat {
    static final int TAIL_BYTES = 4096;

    private InvocationLogFormat() {}

    static String format(String requestId, FunctionVersion v, RunResult r) {
        var b = new StringBuilder(160 + r.output().length());
        b.append("START RequestId: ").append(requestId).append(" Version: ").append(v.version()).append('\n');
        b.append(r.output());
        if (!r.output().isEmpty() && r.output().charAt(r.output().length() - 1) != '\n') b.append('\n');
        b.append("END RequestId: ").append(requestId).append('\n');
        b.append("REPORT RequestId: ").append(requestId);
        double ms = r.durationNanos() / 1e6;
        b.append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", ms)).append(" ms");
        b.append("\tBilled Duration: ").append((long) Math.max(1, Math.ceil(ms))).append(" ms");
        b.append("\tMemory Size: ").append(v.config().memoryMb()).append(" MB");
        b.append("\tMax Memory Used: ").append(r.maxMemoryMb()).append(" MB");
        if (r.coldStart()) {
            b.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", r.initNanos() / 1e6)).append(" ms");
        }
        b.append('\t').append('\n');
        return b.toString();
    }

    /** The last 4 KB of {@code text}, cut at a character boundary. */
    static String tail(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= TAIL_BYTES) return text;
        int from = bytes.length - TAIL_BYTES;
        while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) from++;
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }
}
