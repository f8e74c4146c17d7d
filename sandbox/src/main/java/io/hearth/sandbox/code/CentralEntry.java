package io.hearth.sandbox.code;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One central directory header, with the position of its data taken from the matching local header.
 * Unix file types and permission bits come from the high 16 bits of the external attributes
 * ({@code st_mode}), which {@link java.util.zip.ZipEntry} does not expose.
 *
 * @param name               entry name, decoded as UTF-8 whatever the language-encoding flag says
 *                           (what a Linux unzip writes to disk is those same bytes)
 * @param madeBy             "version made by"; its high byte is the host system
 * @param externalAttributes external file attributes
 * @param dataOffset         position of the entry's (compressed) data
 */
record CentralEntry(String name, int madeBy, int flags, int method, long crc, long compressedSize, long size,
                    long localOffset, long externalAttributes, long dataOffset) {
    static final int STORED = 0;
    static final int DEFLATED = 8;
    private static final int HOST_UNIX = 3;
    private static final int HOST_OSX = 19;
    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_DIRECTORY = 0040000;
    private static final int TYPE_SYMLINK = 0120000;

    /** The unix {@code st_mode}, or 0 when the archive was made without one (e.g. by ZipOutputStream). */
    int unixMode() {
        int host = madeBy >>> 8;
        int mode = (int) (externalAttributes >>> 16);
        int type = mode & TYPE_MASK;
        boolean knownType = type == TYPE_FILE || type == TYPE_DIRECTORY || type == TYPE_SYMLINK;
        return host == HOST_UNIX || host == HOST_OSX || knownType ? mode : 0;
    }

    boolean directory() {
        return name.endsWith("/") || (unixMode() & TYPE_MASK) == TYPE_DIRECTORY;
    }

    boolean symlink() {
        return !directory() && (unixMode() & TYPE_MASK) == TYPE_SYMLINK;
    }

    /** A device, FIFO or socket: nothing a package can carry. */
    boolean special() {
        int type = unixMode() & TYPE_MASK;
        return type != 0 && type != TYPE_FILE && type != TYPE_DIRECTORY && type != TYPE_SYMLINK;
    }

    /** Any of the owner, group or other execute bits is set. */
    boolean executable() {
        return (unixMode() & 0111) != 0;
    }

    boolean encrypted() {
        return (flags & 1) != 0;
    }

    /** Decodes an entry name or link target strictly as UTF-8; returns null if the bytes are not UTF-8. */
    static String utf8(byte[] raw) {
        boolean ascii = true;
        for (byte b : raw) ascii &= b >= 0;
        if (ascii) return new String(raw, StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
