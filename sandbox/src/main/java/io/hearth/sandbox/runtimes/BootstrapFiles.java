package io.hearth.sandbox.runtimes;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;

/**
 * Copies a bootstrap resource of this package to a directory. A file whose content already
 * matches is left untouched (sandboxes may be running it); otherwise the new content is written
 * to a temporary sibling and moved over atomically, so a starting process never reads half a file.
 */
final class BootstrapFiles {
    private BootstrapFiles() {}

    static Path extract(Path dir, String resource) {
        byte[] content = read(resource);
        Path target = dir.resolve(resource).toAbsolutePath().normalize();
        try {
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.write(temp, content);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new HearthException(ErrorCode.SERVICE, "Cannot install the runtime bootstrap " + target + ": " + e,
                    Map.of(), e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = BootstrapFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new HearthException(ErrorCode.SERVICE, "The runtime bootstrap resource " + resource
                        + " is missing from the Hearth build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new HearthException(ErrorCode.SERVICE, "Cannot read the runtime bootstrap resource " + resource
                    + ": " + e, Map.of(), e);
        }
    }
}
