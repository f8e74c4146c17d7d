package io.hearth.sandbox.runtimes;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A resolved language interpreter: its real binary and version, or why there is none (a sentence
 * such as "python3 not found on PATH", completed by the caller with the runtime that needs it).
 */
record Interpreter(Optional<Path> path, String version, String problem) {

    Interpreter {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(problem, "problem");
    }

    static Interpreter found(Path path, String version) {
        return new Interpreter(Optional.of(path), version, "");
    }

    static Interpreter missing(String problem) {
        return new Interpreter(Optional.empty(), "", problem);
    }
}
