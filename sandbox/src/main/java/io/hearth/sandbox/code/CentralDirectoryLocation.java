package io.hearth.sandbox.code;

/**
 * Where an archive's central directory lies, read from its end-of-central-directory record and, when a
 * ZIP64 locator precedes that record, from the ZIP64 end record.
 *
 * <p>The end record is searched backwards from the end over at most the 65,535-byte comment it may
 * carry; a candidate counts only if its comment length reaches exactly the end of the archive, so a
 * signature inside a comment or trailing data is not mistaken for it. Multi-volume archives are refused.
 *
 * @param entries number of central directory headers
 * @param offset  position of the first header
 * @param size    bytes the headers occupy
 * @param end     position of the record that follows the central directory
 */
record CentralDirectoryLocation(long entries, long offset, long size, long end) {
    private static final long END_SIGNATURE = 0x06054b50L;
    private static final long ZIP64_LOCATOR_SIGNATURE = 0x07064b50L;
    private static final long ZIP64_END_SIGNATURE = 0x06064b50L;
    private static final int END_SIZE = 22;
    private static final int LOCATOR_SIZE = 20;
    private static final int MAX_COMMENT = 0xFFFF;

    static CentralDirectoryLocation find(ZipBytes zip) {
        if (zip.size() == 0) throw Refusals.corrupt("the file is empty");
        if (zip.size() < END_SIZE) throw Refusals.corrupt("not a zip file");
        long end = findEndRecord(zip);
        long disk = zip.u16(end + 4);
        long directoryDisk = zip.u16(end + 6);
        long entriesHere = zip.u16(end + 8);
        long entries = zip.u16(end + 10);
        long size = zip.u32(end + 12);
        long offset = zip.u32(end + 16);
        long locator = end - LOCATOR_SIZE;
        if (locator >= 0 && zip.u32(locator) == ZIP64_LOCATOR_SIGNATURE) {
            if (zip.u32(locator + 4) != 0 || zip.u32(locator + 16) != 1) throw multiVolume();
            end = zip.u64(locator + 8);
            if (end > locator - 56 || zip.u32(end) != ZIP64_END_SIGNATURE) {
                throw Refusals.corrupt("ZIP64 end of central directory record not found");
            }
            disk = zip.u32(end + 16);
            directoryDisk = zip.u32(end + 20);
            entriesHere = zip.u64(end + 24);
            entries = zip.u64(end + 32);
            size = zip.u64(end + 40);
            offset = zip.u64(end + 48);
        }
        if (disk != 0 || directoryDisk != 0 || entriesHere != entries) throw multiVolume();
        if (offset > end || size > end - offset) throw Refusals.corrupt("central directory lies outside the archive");
        return new CentralDirectoryLocation(entries, offset, size, end);
    }

    private static long findEndRecord(ZipBytes zip) {
        long last = zip.size() - END_SIZE;
        long first = Math.max(0, last - MAX_COMMENT);
        for (long pos = last; pos >= first; pos--) {
            if (zip.u32(pos) == END_SIGNATURE && pos + END_SIZE + zip.u16(pos + 20) == zip.size()) return pos;
        }
        throw Refusals.corrupt("not a zip file: end of central directory record not found");
    }

    private static RuntimeException multiVolume() {
        return Refusals.corrupt("multi-volume archives are not supported");
    }
}
