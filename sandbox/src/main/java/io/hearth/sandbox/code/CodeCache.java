package io.hearth.sandbox.code;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Content-addressed cache of unpacked deployment packages: {@code root/<sha256Hex>/} holds, read-only,
 * the package whose zip bytes have that SHA-256, ready to be a sandbox's {@code /var/task}.
 *
 * <p>Crash safety: a package is unpacked into {@code root/.unpack-<sha>} and appears under its final
 * name only by an atomic rename, so a directory named by a SHA is always complete. Eviction first
 * renames the tree to {@code root/.evict-<sha>}, then deletes it. Leftovers of either (a crash mid-way)
 * are deleted when the cache is constructed and before the same SHA is unpacked again.
 *
 * <p>Concurrency: callers unpacking the same SHA share one unpack ({@link Flights}); different SHAs
 * unpack in parallel; no lock is held during I/O. One cache instance (one process) owns a root.
 * Evicting a tree a sandbox still uses is the caller's business: the sandbox would lose its files.
 *
 * <p>Non-ASCII entry names need the JVM's file-name encoding to be UTF-8 (a UTF-8 locale such as
 * {@code LANG=C.UTF-8}); otherwise such packages fail to unpack with a {@code ServiceException}.
 */
public final class CodeCache {
    static final String UNPACKING = ".unpack-";
    static final String EVICTING = ".evict-";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final ZipLimits limits;
    private final Flights flights = new Flights();
    private final AtomicLong unpacked = new AtomicLong();

    /** Creates {@code root} if needed and deletes leftovers of interrupted unpacks and evictions. */
    public CodeCache(Path root, ZipLimits limits) {
        this.root = root.toAbsolutePath().normalize();
        this.limits = limits;
        try {
            Files.createDirectories(this.root);
            TreeFiles.sweep(this.root, UNPACKING);
            TreeFiles.sweep(this.root, EVICTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the code cache at " + this.root, e);
        }
    }

    /**
     * Returns {@code root/<sha256Hex>}, unpacking {@code zipFile} there first unless already done.
     *
     * @throws IllegalArgumentException if {@code sha256Hex} is not 64 lowercase hex digits or is not
     *         the SHA-256 of {@code zipFile}
     * @throws HearthException {@code INVALID_PARAMETER_VALUE} for every refusal of {@link ZipValidator};
     *         {@code SERVICE} when the file system fails. Nothing is left behind on failure.
     */
    public Path unpack(String sha256Hex, Path zipFile) {
        String sha = checked(sha256Hex);
        Path target = root.resolve(sha);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) return target;
        return flights.run(sha, Flights.Kind.UNPACK, () -> unpackOnce(sha, zipFile, target));
    }

    public boolean contains(String sha256Hex) {
        return Files.isDirectory(root.resolve(checked(sha256Hex)), LinkOption.NOFOLLOW_LINKS);
    }

    /** Removes the tree of {@code sha256Hex} if present (making it writable first). */
    public void evict(String sha256Hex) {
        String sha = checked(sha256Hex);
        flights.run(sha, Flights.Kind.EVICT, () -> {
            Path target = root.resolve(sha);
            Path trash = root.resolve(EVICTING + sha);
            try {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return null;
                TreeFiles.delete(trash);
                Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
                TreeFiles.delete(trash);
                return null;
            } catch (IOException e) {
                throw failure("Could not evict code " + sha, e);
            }
        });
    }

    /** How many trees this instance has unpacked (cache misses served). */
    long unpacked() {
        return unpacked.get();
    }

    private Path unpackOnce(String sha, Path zipFile, Path target) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) return target;
        Path temp = root.resolve(UNPACKING + sha);
        try {
            TreeFiles.delete(temp);
            ByteBuffer zip = map(zipFile);
            checkDigest(zip, sha, zipFile);
            ZipArchive archive = ZipArchive.read(zip, limits);
            try (EntryReader reader = new EntryReader(archive, limits)) {
                PackagePlan plan = PackagePlanner.plan(archive, limits, reader);
                Files.createDirectory(temp);
                try {
                    TreeWriter.write(plan, reader, temp);
                    publish(temp, target);
                } catch (IOException | RuntimeException e) {
                    discard(temp, e);
                    throw e;
                }
            }
            unpacked.incrementAndGet();
            return target;
        } catch (InvalidPathException e) {
            throw failure("Could not unpack code " + sha + ": the file name encoding "
                    + System.getProperty("sun.jnu.encoding") + " cannot represent an entry name;"
                    + " run Hearth with a UTF-8 locale such as LANG=C.UTF-8", e);
        } catch (IOException e) {
            throw failure("Could not unpack code " + sha, e);
        }
    }

    private ByteBuffer map(Path zipFile) throws IOException {
        try (FileChannel in = FileChannel.open(zipFile, StandardOpenOption.READ)) {
            long size = in.size();
            if (size > limits.maxZippedBytes()) throw Refusals.zippedTooLarge(limits.maxZippedBytes());
            return in.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    private static void checkDigest(ByteBuffer zip, String sha, Path zipFile) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(zip.duplicate());
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha)) {
                throw new IllegalArgumentException(zipFile + " has SHA-256 " + actual + ", not " + sha);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Renames the finished tree into place; if another process got there first, keeps theirs. */
    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) throw e;
            TreeFiles.delete(temp);
        }
    }

    private static void discard(Path temp, Exception cause) {
        try {
            TreeFiles.delete(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static String checked(String sha256Hex) {
        if (sha256Hex == null || !SHA256_HEX.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("not a lowercase hex SHA-256: " + sha256Hex);
        }
        return sha256Hex;
    }

    /** A file-system failure: the message names its kind only; host paths stay in the cause. */
    private static HearthException failure(String message, Exception cause) {
        return new HearthException(ErrorCode.SERVICE, message + " (" + cause.getClass().getSimpleName() + ")",
                Map.of(), cause);
    }
}
