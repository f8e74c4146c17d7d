package io.hearth.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what the user points {@code deploy} at into zip bytes: a directory is zipped in memory
 * with each file's permission bits (symbolic links followed, entries in name order), a zip file
 * is sent as it is.
 */
final class CodePackage {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP_MAGIC = {'P', 'K', 5, 6};

    private CodePackage() {}

    static byte[] of(Path source) throws ClientFailure.Input {
        if (Files.isDirectory(source)) {
            return zipDirectory(source);
        }
        if (!Files.isRegularFile(source)) {
            throw new ClientFailure.Input("no such directory or zip file: " + source);
        }
        byte[] bytes = read(source);
        if (!startsWith(bytes, ZIP_MAGIC) && !startsWith(bytes, EMPTY_ZIP_MAGIC)) {
            throw new ClientFailure.Input(source + " is not a zip file (pass a directory to have it zipped)");
        }
        return bytes;
    }

    static byte[] zipDirectory(Path root) throws ClientFailure.Input {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            paths = walk.filter(p -> !p.equals(root)).sorted().toList();
        } catch (UncheckedIOException e) {
            throw unreadable(root, e.getCause());
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        ZipWriter zip = new ZipWriter();
        boolean hasFile = false;
        for (Path path : paths) {
            String name = entryName(root, path);
            if (Files.isDirectory(path)) {
                zip.addDirectory(name + "/", mode(path, 0755));
            } else if (Files.isRegularFile(path)) {
                zip.addFile(name, mode(path, Files.isExecutable(path) ? 0755 : 0644), read(path));
                hasFile = true;
            } else {
                throw new ClientFailure.Input("cannot package " + path + ": not a regular file (broken link?)");
            }
        }
        if (!hasFile) {
            throw new ClientFailure.Input("directory " + root + " contains no files");
        }
        return zip.finish();
    }

    private static String entryName(Path root, Path path) {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(path)) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    /** The POSIX permission bits, or {@code fallback} on a file system without them. */
    private static int mode(Path path, int fallback) throws ClientFailure.Input {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException e) {
            return fallback;
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            // OWNER_READ is ordinal 0 and stands for 0400; each next one is the next lower bit.
            mode |= 0400 >> p.ordinal();
        }
        return mode;
    }

    private static byte[] read(Path path) throws ClientFailure.Input {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    private static ClientFailure.Input unreadable(Path path, IOException e) {
        if (e instanceof FileSystemLoopException) {
            return new ClientFailure.Input("cannot package " + path + ": symbolic link loop at " + e.getMessage());
        }
        return new ClientFailure.Input("cannot read " + path + ": " + e);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
