package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, on the host, that a runtime's executable exists and may be run, before a sandbox is
 * built around it: inside, a missing bootstrap would only show as an exit status, while the
 * platform reports it as {@code Runtime.InvalidEntrypoint} with the same words as an
 * unisolated start ({@link ProcessBuilder#start()}'s).
 */
final class Executables {
    private Executables() {}

    static void check(String executable) throws IOException {
        Path p = Path.of(executable);
        if (!p.isAbsolute()) return;   // resolved from PATH inside, as outside
        if (!Files.exists(p)) {
            throw new IOException("Cannot run program \"" + executable + "\": error=2, No such file or directory");
        }
        if (Files.isDirectory(p) || !Files.isExecutable(p)) {
            throw new IOException("Cannot run program \"" + executable + "\": error=13, Permission denied");
        }
    }
}
