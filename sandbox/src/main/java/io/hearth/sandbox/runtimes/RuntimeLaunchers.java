package io.hearth.sandbox.runtimes;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each runtime's process is started on this host. {@link #install} extracts Hearth's own
 * bootstraps (python/bootstrap.py, node/bootstrap.js) and the function-side clients they make
 * importable (python/hearth.py, node/node_modules/hearth: the key-value store API) into a
 * directory and resolves the python3 and node interpreters once, to their real binaries (a pyenv
 * shim costs a bash start per sandbox); {@link #commandFor} then builds the argument vector of
 * one sandbox process.
 *
 * <p>Python runs as {@code python -S -B -u -X utf8 bootstrap.pyc} (compiled at install by
 * {@link PythonPrecompile}; {@code bootstrap.py} when that failed): {@code -S} skips site's .pth
 * processing (the bootstrap appends site-packages itself; .pth files of the host are not run),
 * {@code -B} writes no .pyc into the read-only code directory, {@code -u} makes print() reach the
 * log pipe as Lambda's unbuffered streams do, {@code -X utf8} gives Lambda's UTF-8 text I/O
 * whatever the host locale. Node runs as {@code node bootstrap.js}. A {@code provided} runtime
 * runs the zip's own {@code bootstrap}; whether it exists is not checked here: the server reports
 * Runtime.InvalidEntrypoint when it cannot start.
 */
public final class RuntimeLaunchers {
    static final List<String> PYTHON_FLAGS = List.of("-S", "-B", "-u", "-X", "utf8");

    private final Path pythonBootstrap;
    private final Path nodeBootstrap;
    private final Interpreter python;
    private final Interpreter node;

    private RuntimeLaunchers(Path pythonBootstrap, Path nodeBootstrap, Interpreter python, Interpreter node) {
        this.pythonBootstrap = pythonBootstrap;
        this.nodeBootstrap = nodeBootstrap;
        this.python = python;
        this.node = node;
    }

    /**
     * Extracts the bootstraps into {@code dir} (rewriting a file only when its content differs),
     * resolves the interpreters from PATH, or from HEARTH_PYTHON / HEARTH_NODE when set, and
     * precompiles the Python bootstrap. A missing interpreter is not an error here;
     * {@link #commandFor} reports it.
     *
     * @throws HearthException (ServiceException) when the bootstraps cannot be written
     */
    public static RuntimeLaunchers install(Path dir) {
        return install(dir, System.getenv());
    }

    static RuntimeLaunchers install(Path dir, Map<String, String> env) {
        Path py = BootstrapFiles.extract(dir, "python/bootstrap.py");
        Path pyClient = BootstrapFiles.extract(dir, "python/hearth.py");
        Path js = BootstrapFiles.extract(dir, "node/bootstrap.js");
        BootstrapFiles.extract(dir, "node/node_modules/hearth/package.json");
        BootstrapFiles.extract(dir, "node/node_modules/hearth/index.js");
        var pythonProbe = InterpreterProbe.start(InterpreterProbe.Kind.PYTHON, env);
        var nodeProbe = InterpreterProbe.start(InterpreterProbe.Kind.NODE, env);
        Interpreter python = pythonProbe.await();
        Path pyScript = python.path().flatMap(p -> PythonPrecompile.start(p, py, pyClient).await()).orElse(py);
        return new RuntimeLaunchers(pyScript, js, python, nodeProbe.await());
    }

    /**
     * The command line of a sandbox process for {@code runtime} whose code is in {@code codeDir}.
     *
     * @throws HearthException (ServiceException) when the runtime's interpreter is not available
     */
    public List<String> commandFor(Runtime runtime, Path codeDir) {
        return switch (runtime.family()) {
            case PYTHON -> command(python, runtime, PYTHON_FLAGS, pythonBootstrap);
            case NODE -> command(node, runtime, List.of(), nodeBootstrap);
            case PROVIDED -> List.of(codeDir.resolve("bootstrap").toString());
        };
    }

    /**
     * The command line of a generic (warming-pool) sandbox of {@code family}: Hearth's own
     * bootstrap, which supports late binding; empty for a family that cannot be pooled (provided
     * runtimes run the function's own bootstrap) or whose interpreter is missing.
     */
    public Optional<List<String>> genericCommand(Runtime.Family family) {
        return switch (family) {
            case PYTHON -> python.path().map(p -> command(python, Runtime.PYTHON_3_12, PYTHON_FLAGS, pythonBootstrap));
            case NODE -> node.path().map(p -> command(node, Runtime.NODEJS_20, List.of(), nodeBootstrap));
            case PROVIDED -> Optional.empty();
        };
    }

    /** The real python3 binary, when one was found. */
    public Optional<Path> python() { return python.path(); }

    /** The real node binary, when one was found. */
    public Optional<Path> node() { return node.path(); }

    private static List<String> command(Interpreter interpreter, Runtime runtime, List<String> flags, Path bootstrap) {
        Path binary = interpreter.path().orElseThrow(() -> new HearthException(ErrorCode.SERVICE,
                interpreter.problem() + "; runtime " + runtime.id() + " needs it"));
        var command = new java.util.ArrayList<String>(flags.size() + 2);
        command.add(binary.toString());
        command.addAll(flags);
        command.add(bootstrap.toString());
        return List.copyOf(command);
    }
}
