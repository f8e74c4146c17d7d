package io.hearth.sandbox.code;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A hand-written zip writer for tests, for what {@link java.util.zip.ZipOutputStream} cannot express:
 * unix modes in the external attributes, symbolic links, hostile or duplicate names, lying sizes and
 * CRCs, mismatching local headers, other compression methods, ZIP64 records and archive comments.
 */
final class TestZip {
    static final int FILE = 0100644;
    static final int EXECUTABLE = 0100755;
    static final int DIRECTORY = 0040755;
    static final int SYMLINK = 0120777;

    private final List<Entry> entries = new ArrayList<>();
    private boolean zip64;
    private byte[] comment = {};

    /** One entry; every field has a sensible default that the builder methods override. */
    static final class Entry {
        private final byte[] name;
        private final byte[] data;
        private byte[] localName;
        private byte[] compressed;
        private int method = 0;
        private int flags = 0x0800;
        private Integer mode;
        private Long declaredSize;
        private Long crc;
        private Entry sharesDataOf;

        private Entry(byte[] name, byte[] data) {
            this.name = name;
            this.data = data;
        }

        Entry deflated() { method = 8; return this; }
        Entry method(int value) { method = value; return this; }
        Entry flags(int value) { flags = value; return this; }
        Entry mode(Integer value) { mode = value; return this; }
        Entry declaredSize(long value) { declaredSize = value; return this; }
        Entry crc(long value) { crc = value; return this; }
        Entry localName(String value) { localName = value.getBytes(StandardCharsets.UTF_8); return this; }

        /** Uses {@code rawDeflate} as the entry's deflated data, declaring {@code size} bytes. */
        Entry precompressed(byte[] rawDeflate, long size) {
            compressed = rawDeflate;
            method = 8;
            declaredSize = size;
            crc = 0L;
            return this;
        }
    }

    Entry file(String name, String content) {
        return add(name.getBytes(StandardCharsets.UTF_8), content.getBytes(StandardCharsets.UTF_8)).mode(FILE);
    }

    Entry file(String name, byte[] content) {
        return add(name.getBytes(StandardCharsets.UTF_8), content).mode(FILE);
    }

    Entry executable(String name, String content) {
        return file(name, content).mode(EXECUTABLE);
    }

    Entry dir(String name) {
        return add(name.getBytes(StandardCharsets.UTF_8), new byte[0]).mode(DIRECTORY);
    }

    Entry symlink(String name, String target) {
        return add(name.getBytes(StandardCharsets.UTF_8), target.getBytes(StandardCharsets.UTF_8)).mode(SYMLINK);
    }

    Entry raw(byte[] name, byte[] content) {
        return add(name, content);
    }

    /** A second central directory entry for {@code other}'s local header and data (no local record of its own). */
    Entry sameDataAs(Entry other) {
        Entry entry = add(other.name, other.data).mode(other.mode);
        entry.sharesDataOf = other;
        return entry;
    }

    TestZip zip64() {
        zip64 = true;
        return this;
    }

    TestZip comment(byte[] value) {
        comment = value;
        return this;
    }

    private Entry add(byte[] name, byte[] data) {
        Entry entry = new Entry(name, data);
        entries.add(entry);
        return entry;
    }

    byte[] bytes() {
        Out out = new Out();
        List<Long> offsets = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        for (Entry e : entries) {
            if (e.sharesDataOf != null) {
                int shared = entries.indexOf(e.sharesDataOf);
                payloads.add(payloads.get(shared));
                offsets.add(offsets.get(shared));
                continue;
            }
            byte[] payload = e.compressed != null ? e.compressed : e.method == 8 ? deflate(e.data) : e.data;
            payloads.add(payload);
            offsets.add((long) out.size());
            byte[] localName = e.localName != null ? e.localName : e.name;
            byte[] extra = zip64 ? zip64Extra(size(e), payload.length, -1) : new byte[0];
            out.u32(0x04034b50).u16(zip64 ? 45 : 20).u16(e.flags).u16(e.method).u16(0).u16(0x21).u32(crc(e))
                    .u32(zip64 ? 0xFFFFFFFFL : payload.length).u32(zip64 ? 0xFFFFFFFFL : size(e))
                    .u16(localName.length).u16(extra.length).bytes(localName).bytes(extra).bytes(payload);
        }
        long directoryStart = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] extra = zip64 ? zip64Extra(size(e), payloads.get(i).length, offsets.get(i)) : new byte[0];
            int host = e.mode == null ? 0 : 3;
            long external = (e.mode == null ? 0L : (long) e.mode << 16) | (e.name[e.name.length - 1] == '/' ? 0x10 : 0);
            out.u32(0x02014b50).u16(host << 8 | 63).u16(zip64 ? 45 : 20).u16(e.flags).u16(e.method).u16(0).u16(0x21)
                    .u32(crc(e)).u32(zip64 ? 0xFFFFFFFFL : payloads.get(i).length).u32(zip64 ? 0xFFFFFFFFL : size(e))
                    .u16(e.name.length).u16(extra.length).u16(0).u16(0).u16(0).u32(external)
                    .u32(zip64 ? 0xFFFFFFFFL : offsets.get(i)).bytes(e.name).bytes(extra);
        }
        long directorySize = out.size() - directoryStart;
        if (zip64) {
            long record = out.size();
            out.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0).u64(entries.size()).u64(entries.size())
                    .u64(directorySize).u64(directoryStart);
            out.u32(0x07064b50).u32(0).u64(record).u32(1);
            out.u32(0x06054b50).u16(0).u16(0).u16(0xFFFF).u16(0xFFFF).u32(0xFFFFFFFFL).u32(0xFFFFFFFFL);
        } else {
            out.u32(0x06054b50).u16(0).u16(0).u16(entries.size()).u16(entries.size()).u32(directorySize)
                    .u32(directoryStart);
        }
        return out.u16(comment.length).bytes(comment).toByteArray();
    }

    /** Writes the archive to {@code dir/<sha256>.zip}. */
    Path writeTo(Path dir) {
        return write(dir, bytes());
    }

    static Path write(Path dir, byte[] zip) {
        try {
            return Files.write(dir.resolve(sha256(zip) + ".zip"), zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path zip) {
        try {
            return sha256(Files.readAllBytes(zip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Entry e) {
        return e.declaredSize != null ? e.declaredSize : e.data.length;
    }

    private static long crc(Entry e) {
        if (e.crc != null) return e.crc;
        CRC32 crc = new CRC32();
        crc.update(e.data);
        return crc.getValue();
    }

    private static byte[] zip64Extra(long size, long compressed, long offset) {
        Out extra = new Out().u16(1).u16(offset >= 0 ? 24 : 16).u64(size).u64(compressed);
        if (offset >= 0) extra.u64(offset);
        return extra.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!deflater.finished()) out.write(chunk, 0, deflater.deflate(chunk));
        deflater.end();
        return out.toByteArray();
    }

    /** Little-endian output. */
    private static final class Out extends ByteArrayOutputStream {
        Out u16(int v) { write(v); write(v >>> 8); return this; }
        Out u32(long v) { u16((int) (v & 0xFFFF)); return u16((int) (v >>> 16 & 0xFFFF)); }
        Out u64(long v) { u32(v & 0xFFFFFFFFL); return u32(v >>> 32); }
        Out bytes(byte[] b) { writeBytes(b); return this; }
    }
}
