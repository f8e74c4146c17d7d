package io.hearth.runtime.java;

import java.io.ByteArrayOutputStream;

/**
 * The {@code OutputStream} a stream handler writes its response into, reused across invocations;
 * its bytes are posted as they are, without a copy.
 */
final class ResponseBuffer extends ByteArrayOutputStream {
    private static final int KEEP = 1024 * 1024;

    ResponseBuffer() {
        super(8 * 1024);
    }

    byte[] array() {
        return buf;
    }

    /** Empties the buffer, dropping an oversized array so one large response does not pin memory. */
    void clear() {
        if (buf.length > KEEP) buf = new byte[8 * 1024];
        reset();
    }

    /** A stream handler may close its output; it stays usable for the runtime. */
    @Override
    public void close() {
    }
}
