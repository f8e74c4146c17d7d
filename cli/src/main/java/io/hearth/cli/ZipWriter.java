package io.hearth.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a zip archive in memory whose entries carry Unix permissions. {@code java.util.zip}
 * cannot set the central directory's "version made by" and external attributes, and without them
 * unzipping loses the executable bit a {@code bootstrap} needs; so this writes the format itself
 * (APPNOTE 6.3: local headers, deflated data, central directory, end record).
 *
 * <p>Every entry gets the same timestamp (1980-01-01 00:00, the earliest a zip can hold), so the
 * same files always give the same bytes and the same CodeSha256. No Zip64: more than 65,535
 * entries or 4 GiB is refused, far above Lambda's 250 MB unzipped limit.
 */
final class ZipWriter {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL = 0x06054b50;
    private static final int VERSION = 20;
    private static final int MADE_BY_UNIX = (3 << 8) | VERSION;
    private static final int UTF8_NAMES = 1 << 11;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final int DOS_TIME = 0;
    private static final int DOS_DATE = (1 << 5) | 1;
    private static final int UNIX_FILE = 0100000;
    private static final int UNIX_DIRECTORY = 0040000;
    private static final int DOS_DIRECTORY = 0x10;
    private static final long MAX_32 = 0xFFFFFFFFL;
    private static final int MAX_ENTRIES = 0xFFFF;

    private record Entry(byte[] name, int method, long crc, long compressedSize, long size, long externalAttributes,
                         long offset) {}

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Entry> entries = new ArrayList<>();

    /** Adds a regular file; {@code mode} holds the permission bits, e.g. {@code 0755}. */
    void addFile(String name, int mode, byte[] content) throws ClientFailure.Input {
        CRC32 crc = new CRC32();
        crc.update(content);
        byte[] compressed = deflate(content);
        add(name, DEFLATED, crc.getValue(), compressed, content.length, (long) (UNIX_FILE | (mode & 07777)) << 16);
    }

    /** Adds a directory; {@code name} ends with {@code /}. */
    void addDirectory(String name, int mode) throws ClientFailure.Input {
        add(name, STORED, 0, new byte[0], 0, ((long) (UNIX_DIRECTORY | (mode & 07777)) << 16) | DOS_DIRECTORY);
    }

    int size() {
        return entries.size();
    }

    /** Writes the central directory and end record and returns the archive. */
    byte[] finish() throws ClientFailure.Input {
        long centralStart = out.size();
        for (Entry e : entries) {
            int32(CENTRAL_HEADER);
            int16(MADE_BY_UNIX);
            int16(VERSION);
            int16(UTF8_NAMES);
            int16(e.method());
            int16(DOS_TIME);
            int16(DOS_DATE);
            int32(e.crc());
            int32(e.compressedSize());
            int32(e.size());
            int16(e.name().length);
            int16(0); // extra field length
            int16(0); // comment length
            int16(0); // disk number start
            int16(0); // internal attributes
            int32(e.externalAttributes());
            int32(e.offset());
            out.writeBytes(e.name());
        }
        long centralSize = out.size() - centralStart;
        requireFits(out.size(), "archive");
        int32(END_OF_CENTRAL);
        int16(0); // this disk
        int16(0); // disk with the central directory
        int16(entries.size());
        int16(entries.size());
        int32(centralSize);
        int32(centralStart);
        int16(0); // comment length
        return out.toByteArray();
    }

    private void add(String name, int method, long crc, byte[] data, long size, long attributes)
            throws ClientFailure.Input {
        if (entries.size() == MAX_ENTRIES) {
            throw new ClientFailure.Input("too many files for one code package (more than " + MAX_ENTRIES + ")");
        }
        requireFits(size, name);
        requireFits(out.size() + 30L + name.length() * 4L + data.length, name);
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        if (encoded.length > 0xFFFF) {
            throw new ClientFailure.Input("file name too long for a zip: " + name);
        }
        long offset = out.size();
        int32(LOCAL_HEADER);
        int16(VERSION);
        int16(UTF8_NAMES);
        int16(method);
        int16(DOS_TIME);
        int16(DOS_DATE);
        int32(crc);
        int32(data.length);
        int32(size);
        int16(encoded.length);
        int16(0); // extra field length
        out.writeBytes(encoded);
        out.writeBytes(data);
        entries.add(new Entry(encoded, method, crc, data.length, size, attributes, offset));
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(content);
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, content.length / 2));
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void requireFits(long value, String what) throws ClientFailure.Input {
        if (value > MAX_32) {
            throw new ClientFailure.Input("code package too large at " + what + " (a zip without Zip64 holds 4 GiB;"
                    + " Lambda allows 250 MB unzipped)");
        }
    }

    private void int16(int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
    }

    private void int32(long value) {
        int16((int) (value & 0xffff));
        int16((int) ((value >>> 16) & 0xffff));
    }
}
