package io.hearth.sandbox.code;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Writes a checked {@link PackagePlan} into an empty directory: directories first (parents before
 * children), then each file streamed out of the archive with {@code O_CREAT|O_EXCL}, then symbolic links
 * last, so no write can pass through a link. Every path is re-checked to lie under the directory
 * (defence in depth behind {@link EntryPath}). Finally the tree is made read-only: files 0444, or 0555
 * when the archive gave them any execute bit; directories 0555. Setuid, setgid and sticky bits are dropped.
 */
final class TreeWriter {
    private TreeWriter() {}

    static void write(PackagePlan plan, EntryReader reader, Path dir) throws IOException {
        for (String directory : plan.directories()) Files.createDirectory(inside(dir, directory));
        for (PackagePlan.PlannedFile file : plan.files()) {
            Path path = inside(dir, file.path());
            try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                reader.copy(file.entry(), bytes -> {
                    while (bytes.hasRemaining()) out.write(bytes);
                });
            }
            Files.setPosixFilePermissions(path, file.entry().executable() ? TreeFiles.READ_EXECUTE : TreeFiles.READ_ONLY);
        }
        for (Map.Entry<String, String> link : plan.symlinks().entrySet()) {
            Files.createSymbolicLink(inside(dir, link.getKey()), dir.getFileSystem().getPath(link.getValue()));
        }
        List<String> directories = plan.directories();
        for (int i = directories.size() - 1; i >= 0; i--) {
            Files.setPosixFilePermissions(inside(dir, directories.get(i)), TreeFiles.READ_EXECUTE);
        }
        Files.setPosixFilePermissions(dir, TreeFiles.READ_EXECUTE);
    }

    private static Path inside(Path dir, String relative) {
        Path path = dir.resolve(relative);
        Path normal = path.normalize();
        if (!normal.startsWith(dir) || normal.equals(dir)) {
            throw new IllegalStateException("refusing to write outside " + dir + ": " + relative);
        }
        return path;
    }
}
