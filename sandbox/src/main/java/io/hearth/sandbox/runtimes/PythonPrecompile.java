package io.hearth.sandbox.runtimes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the Python bootstrap once, with the resolved interpreter, into {@code bootstrap.pyc}
 * beside it. Python never caches the bytecode of the script it is started with, and compiling
 * the bootstrap costs about 4 ms of every sandbox start; CPython runs a .pyc given as the script
 * directly. The code keeps the .py path as its file name, so tracebacks still name the source.
 * Any failure leaves the sandboxes on the .py source, which behaves the same, only slower.
 * Modules the bootstrap makes importable (hearth.py) are compiled into their {@code __pycache__},
 * which the sandboxes' {@code -B} interpreter reads (it only never writes there); a module that
 * fails to compile is simply compiled at import, as before.
 */
final class PythonPrecompile {
    private static final String COMPILE = "import sys, py_compile; "
            + "py_compile.compile(sys.argv[1], cfile=sys.argv[2], dfile=sys.argv[1], doraise=True); "
            + "[py_compile.compile(m, doraise=False, quiet=2) for m in sys.argv[3:]]";

    private final Process process;
    private final Path target;

    private PythonPrecompile(Process process, Path target) {
        this.process = process;
        this.target = target;
    }

    /** Compiles {@code source} (the bootstrap) to a .pyc beside it and each of {@code modules} to its cache. */
    static PythonPrecompile start(Path python, Path source, Path... modules) {
        Path target = source.resolveSibling(source.getFileName().toString().replaceFirst("\\.py$", "") + ".pyc");
        var command = new ArrayList<>(List.of(python.toString(), "-S", "-c", COMPILE, source.toString(),
                target.toString()));
        for (Path m : modules) command.add(m.toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("PYTHONPYCACHEPREFIX");
        try {
            return new PythonPrecompile(builder.start(), target);
        } catch (IOException e) {
            return new PythonPrecompile(null, target);
        }
    }

    /** The compiled bootstrap, or empty when it could not be made. */
    Optional<Path> await() {
        if (process == null) return Optional.empty();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return process.exitValue() == 0 && Files.isRegularFile(target) ? Optional.of(target) : Optional.empty();
    }
}
