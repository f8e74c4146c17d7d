package io.hearth.api;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body into memory with a hard cap: never more than {@code limit + 1} bytes are
 * buffered. A body whose whole content already arrived in one chunk (the common small invoke) is
 * copied once without blocking. An oversized body is drained (read and dropped, up to
 * {@link #DRAIN_CAP}) so that the client, still sending, reads the 413 instead of a reset.
 */
final class RequestBody {
    /** Bytes of an oversized body we read and drop before answering; beyond it the connection is closed. */
    static final long DRAIN_CAP = 256L * 1024 * 1024;
    /** Limit for control-plane JSON bodies that carry no code (configuration, tags). */
    static final int SMALL_JSON_LIMIT = 1_048_576;
    private static final byte[] EMPTY = new byte[0];

    private RequestBody() {}

    /**
     * The body, at most {@code limit} bytes; otherwise RequestTooLargeException naming
     * {@code operation}. Throws IOException when the client goes away.
     */
    static byte[] read(Request request, int limit, String operation) throws IOException {
        return read(request, limit, operation, null);
    }

    /**
     * The whole body when it has already arrived (one chunk holding the declared length) and is
     * within {@code limit}, without blocking. Otherwise null, and {@code prefix} (if not null)
     * receives the bytes already taken from the request, for {@link #read} to continue from.
     */
    static byte[] readIfArrived(Request request, int limit, java.io.ByteArrayOutputStream prefix) {
        long declared = request.getLength();
        if (declared == 0) return EMPTY;
        if (declared < 0 || declared > limit) return null;
        Content.Chunk chunk = request.read();
        if (chunk == null) return null;
        try {
            if (Content.Chunk.isFailure(chunk)) {
                return null;   // the blocking read meets the same failure
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            if (out.length == declared) return out;
            prefix.write(out, 0, out.length);
            return null;
        } finally {
            chunk.release();
        }
    }

    /** {@link #read(Request, int, String)} continuing after {@code prefix} bytes already taken. */
    static byte[] read(Request request, int limit, String operation, byte[] prefix) throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            drain(request, declared);
            throw tooLarge(limit, operation);
        }
        if (declared == 0) return EMPTY;
        byte[] buf = new byte[declared > 0 ? (int) declared : Math.min(limit + 1, 8192)];
        int size = 0;
        if (prefix != null && prefix.length > 0) {
            if (prefix.length > buf.length) buf = Arrays.copyOf(buf, Math.min(limit + 1, prefix.length * 2));
            System.arraycopy(prefix, 0, buf, 0, prefix.length);
            size = prefix.length;
        }
        Content.Chunk chunk = size > 0 ? null : request.read();
        if (chunk != null) {
            try {
                if (Content.Chunk.isFailure(chunk)) throw new IOException("request body failed", chunk.getFailure());
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = bytes.remaining();
                if (n > limit) {
                    drain(request, -1);
                    throw tooLarge(limit, operation);
                }
                if (n > buf.length) buf = Arrays.copyOf(buf, Math.min(limit + 1, Math.max(n, buf.length * 2)));
                bytes.get(buf, 0, n);
                size = n;
                if (chunk.isLast()) return size == buf.length ? buf : Arrays.copyOf(buf, size);
            } finally {
                chunk.release();
            }
        }
        InputStream in = Content.Source.asInputStream(request);
        while (true) {
            if (size == declared) return buf;
            if (size == buf.length) {
                if (size > limit) {
                    drain(request, -1);
                    throw tooLarge(limit, operation);
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) limit + 1, (long) size * 2));
            }
            int n = in.read(buf, size, buf.length - size);
            if (n < 0) break;
            size += n;
        }
        if (size > limit) throw tooLarge(limit, operation);
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    /** An unread body up to this size is dropped before an early refusal; larger ones close the connection. */
    private static final long DISCARD_CAP = 1_048_576;

    /**
     * Before a refusal, possibly on an I/O thread: drops what of an unread body has already
     * arrived, without waiting. If more is still to come (or it is large), the answer says
     * {@code Connection: close} so the client does not reuse a connection the server will close.
     */
    static void discardUnread(Request request, org.eclipse.jetty.server.Response response) {
        long declared = request.getLength();
        if (declared == 0) return;
        long total = 0;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                closeAfter(response);
                return;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    closeAfter(response);
                    return;
                }
                total += chunk.remaining();
                if (chunk.isLast() || (declared > 0 && total >= declared)) return;
                if (total > DISCARD_CAP) {
                    closeAfter(response);
                    return;
                }
            } finally {
                chunk.release();
            }
        }
    }

    private static void closeAfter(org.eclipse.jetty.server.Response response) {
        response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONNECTION, "close");
    }

    /** Reads and drops what remains of the body when that is at most {@link #DRAIN_CAP} bytes. */
    private static void drain(Request request, long declared) throws IOException {
        if (declared > DRAIN_CAP) return;
        InputStream in = Content.Source.asInputStream(request);
        byte[] scratch = new byte[16384];
        long total = 0;
        int n;
        while (total <= DRAIN_CAP && (n = in.read(scratch)) >= 0) {
            total += n;
        }
    }

    private static HearthException tooLarge(int limit, String operation) {
        return new HearthException(ErrorCode.REQUEST_TOO_LARGE,
                "Request must be smaller than " + limit + " bytes for the " + operation + " operation");
    }
}
