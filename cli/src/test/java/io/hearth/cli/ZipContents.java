package io.hearth.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** Reads a zip with Apache Commons Compress, an implementation independent of the CLI's writer. */
final class ZipContents {

    /** One entry: its Unix mode (type and permission bits), whether it came from Unix, and its text. */
    record Item(int unixMode, boolean unixPlatform, boolean directory, String text) {
        int permissions() {
            return unixMode & 07777;
        }
    }

    private ZipContents() {}

    static Map<String, Item> read(byte[] zip) throws IOException {
        Map<String, Item> items = new LinkedHashMap<>();
        try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
                String text = new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                items.put(entry.getName(), new Item(entry.getUnixMode(),
                        entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX, entry.isDirectory(), text));
            }
        }
        return items;
    }
}
