package io.hearth.sandbox.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads entry data out of an archive: inflates (or copies stored data), counts every produced byte
 * against the package's unzipped-size budget, refuses an entry the moment it produces more than its
 * declared size, then checks the exact size and CRC-32. Bytes reach the sink only after they were
 * counted, so a zip bomb is stopped before its excess is written anywhere. Holds one {@link Inflater};
 * one reader serves one thread, and must be closed.
 */
final class EntryReader implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    /** Receives data in order; the buffer is only valid during the call. */
    interface Sink {
        void write(ByteBuffer bytes) throws IOException;
    }

    private final ZipArchive archive;
    private final long maxUnzippedBytes;
    private final Inflater inflater = new Inflater(true);
    private final byte[] chunk = new byte[CHUNK];
    private final CRC32 crc = new CRC32();
    private long produced;

    EntryReader(ZipArchive archive, ZipLimits limits) {
        this.archive = archive;
        this.maxUnzippedBytes = limits.maxUnzippedBytes();
    }

    /** Bytes produced so far by this reader, across entries. */
    long produced() {
        return produced;
    }

    /** Reads the entry's data only to check it. */
    void check(CentralEntry entry) {
        try {
            copy(entry, null);
        } catch (IOException e) {
            throw new UncheckedIOException("no sink, yet an I/O error", e);
        }
    }

    /** Streams the entry's data to {@code sink} (null: only check it). */
    void copy(CentralEntry entry, Sink sink) throws IOException {
        crc.reset();
        ByteBuffer data = archive.data(entry);
        if (entry.method() == CentralEntry.STORED) {
            if (entry.compressedSize() != entry.size()) {
                throw Refusals.corruptEntry(entry.name(), "stored size differs from its declared size");
            }
            count(entry.size());
            crc.update(data.duplicate());
            if (sink != null) sink.write(data);
        } else {
            inflate(entry, data, sink);
        }
        if (crc.getValue() != entry.crc()) throw Refusals.corruptEntry(entry.name(), "CRC-32 mismatch");
    }

    /** The whole (small, size-checked by the caller) data of an entry. */
    byte[] readAll(CentralEntry entry) {
        ByteBuffer out = ByteBuffer.allocate((int) entry.size());
        try {
            copy(entry, out::put);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory sink cannot fail", e);
        }
        return out.array();
    }

    private void inflate(CentralEntry entry, ByteBuffer data, Sink sink) throws IOException {
        inflater.reset();
        inflater.setInput(data);
        long size = 0;
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && !inflater.finished()) {
                    if (inflater.needsInput()) throw Refusals.corruptEntry(entry.name(), "compressed data is truncated");
                    throw Refusals.corruptEntry(entry.name(), "compressed data needs a preset dictionary");
                }
                size += n;
                if (size > entry.size()) {
                    throw Refusals.corruptEntry(entry.name(), "inflates to more than its declared size of "
                            + entry.size() + " bytes");
                }
                count(n);
                crc.update(chunk, 0, n);
                if (sink != null) sink.write(ByteBuffer.wrap(chunk, 0, n));
            }
        } catch (DataFormatException e) {
            throw Refusals.corruptEntry(entry.name(), "invalid compressed data");
        }
        if (size != entry.size()) {
            throw Refusals.corruptEntry(entry.name(), "inflates to " + size + " bytes, not its declared "
                    + entry.size());
        }
    }

    private void count(long bytes) {
        produced += bytes;
        if (produced > maxUnzippedBytes) throw Refusals.unzippedTooLarge(maxUnzippedBytes);
    }

    @Override
    public void close() {
        inflater.end();
    }
}
