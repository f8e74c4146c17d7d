package io.hearth.sandbox.code;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File-tree chores of the cache: the permission sets of unpacked trees, deleting a read-only tree
 * (each directory made writable before its entries go; links are deleted, never followed), and
 * sweeping leftovers whose names start with a prefix.
 */
final class TreeFiles {
    static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
    static final Set<PosixFilePermission> READ_EXECUTE = PosixFilePermissions.fromString("r-xr-xr-x");
    private static final Set<PosixFilePermission> OWNER_ALL = PosixFilePermissions.fromString("rwx------");

    private TreeFiles() {}

    /** Deletes {@code tree} (a directory tree, file or link) if it exists. */
    static void delete(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(dir, OWNER_ALL);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) throw failure;
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes every entry of {@code root} whose name starts with {@code prefix}. */
    static void sweep(Path root, String prefix) throws IOException {
        try (DirectoryStream<Path> leftovers =
                     Files.newDirectoryStream(root, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path leftover : leftovers) delete(leftover);
        }
    }
}
