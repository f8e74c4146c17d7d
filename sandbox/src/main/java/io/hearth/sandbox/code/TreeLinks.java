package io.hearth.sandbox.code;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Places an unpacked code tree into a sandbox's code slot (late binding): the slot gets the same
 * directories and, for each file, a hard link to the cached one (no bytes copied; a copy only
 * where the slot is on another file system), symbolic links as they are. The cached files are
 * read-only and shared; the slot is mounted read-only into the sandbox, so none can change them.
 * Directories are made read-only, as in the cache, once filled.
 */
public final class TreeLinks {
    private TreeLinks() {}

    /** Mirrors {@code source} into the existing, empty directory {@code slot}. */
    public static void mirror(Path source, Path slot) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source)) Files.createDirectory(slot.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = slot.resolve(source.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else {
                    try {
                        Files.createLink(target, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, target, LinkOption.NOFOLLOW_LINKS);
                        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(file));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) throw failure;
                Path target = dir.equals(source) ? slot : slot.resolve(source.relativize(dir).toString());
                Files.setPosixFilePermissions(target, TreeFiles.READ_EXECUTE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a slot and everything in it (a read-only tree), if it exists. */
    public static void remove(Path slot) throws IOException {
        TreeFiles.delete(slot);
    }
}
