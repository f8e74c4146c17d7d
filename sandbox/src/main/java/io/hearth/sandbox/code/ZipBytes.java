package io.hearth.sandbox.code;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bounds-checked little-endian reads over the bytes of a zip archive (a heap array or a mapped file).
 * Every read outside the archive is reported as a truncated archive, never as an index exception.
 */
final class ZipBytes {
    private final ByteBuffer buffer;

    ZipBytes(ByteBuffer buffer) {
        this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    long size() {
        return buffer.limit();
    }

    int u16(long pos) {
        check(pos, 2);
        return Short.toUnsignedInt(buffer.getShort((int) pos));
    }

    long u32(long pos) {
        check(pos, 4);
        return Integer.toUnsignedLong(buffer.getInt((int) pos));
    }

    /** A 64-bit field; values beyond {@link Long#MAX_VALUE} cannot describe anything in an archive. */
    long u64(long pos) {
        check(pos, 8);
        long value = buffer.getLong((int) pos);
        if (value < 0) throw Refusals.corrupt("ZIP64 field out of range");
        return value;
    }

    byte[] bytes(long pos, int length) {
        check(pos, length);
        byte[] out = new byte[length];
        buffer.get((int) pos, out);
        return out;
    }

    boolean matches(long pos, byte[] expected) {
        check(pos, expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (buffer.get((int) pos + i) != expected[i]) return false;
        }
        return true;
    }

    /** A read-only view of {@code length} bytes at {@code pos}. */
    ByteBuffer slice(long pos, long length) {
        check(pos, length);
        return buffer.slice((int) pos, (int) length).asReadOnlyBuffer();
    }

    private void check(long pos, long length) {
        if (pos < 0 || length < 0 || pos > size() - length) throw Refusals.corrupt("archive is truncated");
    }
}
