package io.hearth.sandbox.code;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A zip archive's entries as its central directory lists them, each cross-checked against its local
 * header: the local header must exist, carry the same name, and the entry's data must end before the
 * next local header (overlapping entries, the trick of non-recursive zip bombs, are refused).
 * ZIP64 sizes and offsets are read from the 0x0001 extra field.
 */
final class ZipArchive {
    private static final long CENTRAL_SIGNATURE = 0x02014b50L;
    private static final long LOCAL_SIGNATURE = 0x04034b50L;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIZE = 30;
    private static final long MAX32 = 0xFFFFFFFFL;
    private static final int ZIP64_EXTRA = 0x0001;

    private final ZipBytes zip;
    private final List<CentralEntry> entries;

    private ZipArchive(ZipBytes zip, List<CentralEntry> entries) {
        this.zip = zip;
        this.entries = entries;
    }

    /** Parses and cross-checks the directory; refuses more than {@code limits.maxEntries()} entries up front. */
    static ZipArchive read(ByteBuffer bytes, ZipLimits limits) {
        ZipBytes zip = new ZipBytes(bytes);
        CentralDirectoryLocation where = CentralDirectoryLocation.find(zip);
        if (where.entries() > limits.maxEntries()) throw Refusals.tooManyEntries(limits.maxEntries());
        List<CentralEntry> entries = new ArrayList<>((int) where.entries());
        long pos = where.offset();
        long end = where.offset() + where.size();
        for (long i = 0; i < where.entries(); i++) {
            if (pos > end - CENTRAL_SIZE || zip.u32(pos) != CENTRAL_SIGNATURE) {
                throw Refusals.corrupt("central directory is damaged");
            }
            int nameLength = zip.u16(pos + 28);
            int extraLength = zip.u16(pos + 30);
            int commentLength = zip.u16(pos + 32);
            long next = pos + CENTRAL_SIZE + nameLength + extraLength + commentLength;
            if (next > end) throw Refusals.corrupt("central directory is damaged");
            entries.add(entry(zip, pos, where.offset()));
            pos = next;
        }
        checkNoOverlap(entries, where.offset());
        return new ZipArchive(zip, List.copyOf(entries));
    }

    List<CentralEntry> entries() {
        return entries;
    }

    /** The entry's stored or deflated bytes. */
    ByteBuffer data(CentralEntry entry) {
        return zip.slice(entry.dataOffset(), entry.compressedSize());
    }

    private static CentralEntry entry(ZipBytes zip, long pos, long directoryStart) {
        int nameLength = zip.u16(pos + 28);
        byte[] rawName = zip.bytes(pos + CENTRAL_SIZE, nameLength);
        String name = CentralEntry.utf8(rawName);
        if (name == null) {
            throw Refusals.entry(new String(rawName, StandardCharsets.ISO_8859_1),
                    "the name is not valid UTF-8");
        }
        long compressed = zip.u32(pos + 20);
        long size = zip.u32(pos + 24);
        long local = zip.u32(pos + 42);
        long disk = zip.u16(pos + 34);
        if (compressed == MAX32 || size == MAX32 || local == MAX32 || disk == 0xFFFF) {
            long[] wide = zip64(zip, pos + CENTRAL_SIZE + nameLength, zip.u16(pos + 30), name,
                    size == MAX32, compressed == MAX32, local == MAX32, disk == 0xFFFF);
            size = wide[0] >= 0 ? wide[0] : size;
            compressed = wide[1] >= 0 ? wide[1] : compressed;
            local = wide[2] >= 0 ? wide[2] : local;
            disk = wide[3] >= 0 ? wide[3] : disk;
        }
        if (disk != 0) throw Refusals.corrupt("multi-volume archives are not supported");
        long data = dataOffset(zip, local, rawName, name, directoryStart);
        if (compressed > directoryStart - data) throw Refusals.corruptEntry(name, "data runs past the central directory");
        return new CentralEntry(name, zip.u16(pos + 4), zip.u16(pos + 8), zip.u16(pos + 10), zip.u32(pos + 16),
                compressed, size, local, zip.u32(pos + 38), data);
    }

    /**
     * Reads the ZIP64 extra field. It holds, in this order, each of size, compressed size, local header
     * offset (8 bytes each) and disk number (4 bytes) whose header value was all ones; {@code -1} in the
     * result marks a field that was not wanted.
     */
    private static long[] zip64(ZipBytes zip, long pos, int length, String name, boolean... wanted) {
        long end = pos + length;
        while (pos <= end - 4) {
            int id = zip.u16(pos);
            long field = pos + 4;
            long blockEnd = field + zip.u16(pos + 2);
            if (blockEnd > end) break;
            if (id == ZIP64_EXTRA) return zip64Fields(zip, field, blockEnd, name, wanted);
            pos = blockEnd;
        }
        throw Refusals.corruptEntry(name, "ZIP64 extra field missing");
    }

    private static long[] zip64Fields(ZipBytes zip, long field, long blockEnd, String name, boolean[] wanted) {
        long[] out = {-1, -1, -1, -1};
        for (int i = 0; i < out.length; i++) {
            if (!wanted[i]) continue;
            int width = i == 3 ? 4 : 8;
            if (field + width > blockEnd) throw Refusals.corruptEntry(name, "ZIP64 extra field too short");
            out[i] = width == 8 ? zip.u64(field) : zip.u32(field);
            field += width;
        }
        return out;
    }

    private static long dataOffset(ZipBytes zip, long local, byte[] rawName, String name, long directoryStart) {
        if (local > directoryStart - LOCAL_SIZE || zip.u32(local) != LOCAL_SIGNATURE) {
            throw Refusals.corruptEntry(name, "local header not found");
        }
        int nameLength = zip.u16(local + 26);
        int extraLength = zip.u16(local + 28);
        if (nameLength != rawName.length || !zip.matches(local + LOCAL_SIZE, rawName)) {
            throw Refusals.corruptEntry(name, "local header names a different entry");
        }
        return local + LOCAL_SIZE + nameLength + extraLength;
    }

    private static void checkNoOverlap(List<CentralEntry> entries, long directoryStart) {
        List<CentralEntry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(CentralEntry::localOffset));
        for (int i = 0; i < byOffset.size(); i++) {
            CentralEntry entry = byOffset.get(i);
            long limit = i + 1 < byOffset.size() ? byOffset.get(i + 1).localOffset() : directoryStart;
            if (entry.dataOffset() + entry.compressedSize() > limit) {
                throw Refusals.corruptEntry(entry.name(), "its data overlaps another entry");
            }
        }
    }
}
