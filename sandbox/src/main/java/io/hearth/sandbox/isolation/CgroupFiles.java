package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The few file operations the cgroup code makes on a cgroup file system, in its own terms: a
 * cgroup's interface files are read and written whole (one value per write, as the kernel takes
 * them), a cgroup is made with {@code mkdir} (the kernel fills in its interface files) and
 * removed with {@code rmdir} (refused while it holds processes or child cgroups, never needing its
 * files deleted). {@link #KERNEL} is the real thing; tests of the hierarchy this host does not
 * have (cgroup v2 here) give a fake with the same behaviour over a plain directory.
 *
 * <p>Errors are the kernel's: an {@link IOException} whose message carries its reason
 * ({@code Device or resource busy}, {@code Invalid argument}, {@code Permission denied}).
 */
interface CgroupFiles {
    /** The cgroup file systems mounted on this host, through {@link java.nio.file.Files}. */
    CgroupFiles KERNEL = new CgroupFiles() {
        @Override
        public String read(Path file) throws IOException {
            return Files.readString(file);
        }

        @Override
        public void write(Path file, String value) throws IOException {
            Files.writeString(file, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }

        @Override
        public boolean exists(Path path) {
            return Files.exists(path);
        }

        @Override
        public void createDirectory(Path dir) throws IOException {
            Files.createDirectory(dir);
        }

        @Override
        public void removeDirectory(Path dir) throws IOException {
            Files.delete(dir);
        }

        @Override
        public List<Path> subdirectories(Path dir) throws IOException {
            try (var children = Files.list(dir)) {
                return children.filter(Files::isDirectory).sorted().toList();
            }
        }

        @Override
        public String toString() {
            return "kernel cgroup files";
        }
    };

    /** The whole content of an interface file. */
    String read(Path file) throws IOException;

    /** Writes {@code value} to an existing interface file in one write (never creates a file). */
    void write(Path file, String value) throws IOException;

    /** Whether the file or cgroup exists (a controller's files exist only where it is enabled). */
    boolean exists(Path path);

    /** Makes a child cgroup; fails when it exists. */
    void createDirectory(Path dir) throws IOException;

    /** Removes an empty cgroup (no processes, no children). */
    void removeDirectory(Path dir) throws IOException;

    /** The child cgroups of {@code dir}, in name order. */
    List<Path> subdirectories(Path dir) throws IOException;

    /** Writes a number. */
    default void write(Path file, long value) throws IOException {
        write(file, Long.toString(value));
    }
}
