package io.hearth.store;

import io.hearth.model.CodeRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Content-addressed deployment packages on disk: {@code dir/<sha256 hex>.zip}. A package is written to a
 * temporary file in the same directory, forced to disk and renamed into place atomically, so a reader
 * sees either no file or the whole package, never part of one. One CodeStore owns its directory: on
 * construction it deletes temporary files a crashed process left behind. Hex arguments must be 64
 * lowercase hex digits (anything else, such as a path, is refused with IllegalArgumentException).
 * I/O failures are {@link UncheckedIOException}s.
 */
public final class CodeStore {
    private static final String SUFFIX = ".zip";
    private static final String TEMP_PREFIX = ".upload-";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path dir;

    /** Uses {@code dir} (e.g. {@code dataDir/code}), creating it if needed. */
    public CodeStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
            deleteLeftoverTemps();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare code directory " + dir, e);
        }
    }

    /** Stores the package (if not stored yet) and returns its reference: SHA-256 of the bytes and their size. */
    public CodeRef put(byte[] zip) {
        Objects.requireNonNull(zip, "zip");
        CodeRef ref = new CodeRef(sha256Hex(zip), zip.length);
        Path target = path(ref);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == zip.length) return ref;
            Path temp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
            try {
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(zip);
                    while (buf.hasRemaining()) ch.write(buf);
                    ch.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store code " + ref.sha256Hex(), e);
        }
        return ref;
    }

    /** The package's bytes, or empty if it is not stored. */
    public Optional<byte[]> read(String sha256Hex) {
        Path file = file(sha256Hex);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read code " + sha256Hex, e);
        }
    }

    /** Where the package is (or would be) stored: {@code dir/<hex>.zip}. */
    public Path path(CodeRef ref) {
        return file(ref.sha256Hex());
    }

    /** Deletes the package; false if it was not stored. */
    public boolean delete(String sha256Hex) {
        try {
            return Files.deleteIfExists(file(sha256Hex));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete code " + sha256Hex, e);
        }
    }

    private Path file(String sha256Hex) {
        return dir.resolve(new CodeRef(sha256Hex, 0).sha256Hex() + SUFFIX);
    }

    private void deleteLeftoverTemps() throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) Files.deleteIfExists(temp);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
