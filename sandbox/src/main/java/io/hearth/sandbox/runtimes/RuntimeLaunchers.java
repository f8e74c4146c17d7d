package io.hearth.sandbox.runtimes;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * How each runtime's process is started on this host. {@link #install} extracts Hearth's own
 * bootstraps (python/bootstrap.py with its modules _hearth_api, _hearth_socket, _hearth_logging and _hearth_relay;
 * node/bootstrap.js with runtime-api.js and relay.js) and the function-side clients they make
 * importable (python/hearth.py, node/node_modules/hearth: the key-value store API) into a
 * directory, with Hearth's Java runtime (java/hearth-runtime-java.jar and the fallback
 * java/aws-lambda-java-core-*.jar beside it), resolves the python3 and node interpreters once, to
 * their real binaries (a pyenv shim costs a bash start per sandbox), and lists the JDKs
 * ({@link JdkCatalog}); {@link #commandFor} then builds the argument vector of one sandbox process.
 * Java functions run as {@link JavaLauncher} describes.
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
public final class RuntimeLaunchers implements AutoCloseable {
    static final List<String> PYTHON_FLAGS = List.of("-S", "-B", "-u", "-X", "utf8");
    /** The fallback Lambda core library the Java runtime appends to a function's class path (see its README). */
    static final String LAMBDA_CORE_JAR = "aws-lambda-java-core-1.4.0.jar";

    private final Path pythonBootstrap;
    private final Path nodeBootstrap;
    private final Interpreter python;
    private final Interpreter node;
    private final JavaLauncher jvm;

    private RuntimeLaunchers(Path pythonBootstrap, Path nodeBootstrap, Interpreter python, Interpreter node,
                             JavaLauncher java) {
        this.pythonBootstrap = pythonBootstrap;
        this.nodeBootstrap = nodeBootstrap;
        this.python = python;
        this.node = node;
        this.jvm = java;
    }

    /**
     * Extracts the bootstraps into {@code dir} (rewriting a file only when its content differs),
     * resolves the interpreters from PATH, or from HEARTH_PYTHON / HEARTH_NODE when set,
     * precompiles the Python bootstrap and lists the JDKs (only those of HEARTH_JDKS when set).
     * A missing interpreter or JDK is not an error here; {@link #commandFor} reports it. The Java
     * runtime's class-data archive is made in the background, on a virtual thread, when a Java
     * command is first asked for.
     *
     * @throws HearthException (ServiceException) when the bootstraps cannot be written
     */
    public static RuntimeLaunchers install(Path dir) {
        return install(dir, System.getenv());
    }

    static RuntimeLaunchers install(Path dir, Map<String, String> env) {
        return install(dir, env, task -> Thread.ofVirtual().name("java-archive").start(task));
    }

    /** {@code archiveMaker} runs the making of a class-data archive (tests choose when). */
    static RuntimeLaunchers install(Path dir, Map<String, String> env, Executor archiveMaker) {
        Path py = BootstrapFiles.extract(dir, "python/bootstrap.py");
        Path pyClient = BootstrapFiles.extract(dir, "python/hearth.py");
        Path pyApi = BootstrapFiles.extract(dir, "python/_hearth_api.py");
        Path pySocket = BootstrapFiles.extract(dir, "python/_hearth_socket.py");
        Path pyLogging = BootstrapFiles.extract(dir, "python/_hearth_logging.py");
        Path pyRelay = BootstrapFiles.extract(dir, "python/_hearth_relay.py");
        Path js = BootstrapFiles.extract(dir, "node/bootstrap.js");
        BootstrapFiles.extract(dir, "node/runtime-api.js");
        BootstrapFiles.extract(dir, "node/relay.js");
        BootstrapFiles.extract(dir, "node/node_modules/hearth/package.json");
        BootstrapFiles.extract(dir, "node/node_modules/hearth/index.js");
        Path javaRuntime = BootstrapFiles.extract(dir, "java/" + JavaLauncher.JAR);
        Path lambdaCore = BootstrapFiles.extract(dir, "java/" + LAMBDA_CORE_JAR);
        var javaLauncher = new JavaLauncher(JdkCatalog.discover(env), javaRuntime, lambdaCore, archiveMaker);
        var pythonProbe = InterpreterProbe.start(InterpreterProbe.Kind.PYTHON, env);
        var nodeProbe = InterpreterProbe.start(InterpreterProbe.Kind.NODE, env);
        Interpreter python = pythonProbe.await();
        Path pyScript = python.path().flatMap(p -> PythonPrecompile.start(p, py, pyClient, pyApi, pySocket, pyLogging,
                pyRelay).await()).orElse(py);
        return new RuntimeLaunchers(pyScript, js, python, nodeProbe.await(), javaLauncher);
    }

    /**
     * The command line of a sandbox process for {@code runtime} whose code is in {@code codeDir},
     * for a function of {@code memoryMb} (a JVM's heap is sized from it; the other runtimes ignore it).
     *
     * @throws HearthException (ServiceException) when the runtime's interpreter or JDK is not available
     */
    public List<String> commandFor(Runtime runtime, Path codeDir, int memoryMb) {
        return switch (runtime.family()) {
            case PYTHON -> command(python, runtime, PYTHON_FLAGS, pythonBootstrap);
            case NODE -> command(node, runtime, List.of(), nodeBootstrap);
            case JAVA -> jvm.command(runtime, memoryMb);
            case PROVIDED -> List.of(codeDir.resolve("bootstrap").toString());
        };
    }

    /**
     * The command line of a generic (warming-pool) sandbox of {@code family}: Hearth's own
     * bootstrap or Java runtime, which support late binding; empty for a family that cannot be
     * pooled (provided runtimes run the function's own bootstrap) or whose interpreter or JDK is
     * missing. {@code memoryMb} sizes a JVM's heap, fixed at start: a generic JVM serves only
     * functions of that memory size. A generic JVM runs on the newest JDK, the one every Java
     * runtime it can serve would get ({@link JavaLauncher}).
     */
    public Optional<List<String>> genericCommand(Runtime.Family family, int memoryMb) {
        return switch (family) {
            case PYTHON -> python.path().map(p -> command(python, Runtime.PYTHON_3_12, PYTHON_FLAGS, pythonBootstrap));
            case NODE -> node.path().map(p -> command(node, Runtime.NODEJS_20, List.of(), nodeBootstrap));
            case JAVA -> jvm.generic(memoryMb);
            case PROVIDED -> Optional.empty();
        };
    }

    /**
     * Whether generic sandboxes of {@code family} can run here (its runtime supports late binding
     * and its interpreter or JDK is installed). Builds no command: asking starts nothing.
     */
    public boolean poolable(Runtime.Family family) {
        return switch (family) {
            case PYTHON -> python.path().isPresent();
            case NODE -> node.path().isPresent();
            case JAVA -> jvm.available();
            case PROVIDED -> false;
        };
    }

    /** Whether {@code family}'s generic sandboxes depend on the memory size (a JVM's heap is fixed at start). */
    public static boolean sizedAtStart(Runtime.Family family) {
        return family == Runtime.Family.JAVA;
    }

    /** Stops background work (the making of a class-data archive) and waits until it is gone. */
    @Override
    public void close() {
        jvm.close();
    }

    /** Completes once the class-data archive of the JDK {@code runtime} runs on was made or given up (tests). */
    CompletableFuture<Void> javaArchiveMade(Runtime runtime) {
        return jvm.archiveMade(runtime);
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
