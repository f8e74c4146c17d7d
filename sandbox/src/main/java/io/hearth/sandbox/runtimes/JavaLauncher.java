package io.hearth.sandbox.runtimes;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a Java function's JVM is started: Hearth's Java runtime (module runtime-java, extracted to
 * {@code RUNTIMES/java/hearth-runtime-java.jar} with the fallback {@code aws-lambda-java-core} jar
 * beside it) on a JDK of this host:
 *
 * <pre>
 *   JDK/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData
 *       --add-opens=java.base/java.util=ALL-UNNAMED [-XX:SharedArchiveFile=RUNTIMES/java/hearth-runtime-KEY.jsa]
 *       -Xmx(85 % of MemorySize)m -Dhearth.runtime.lambdaCore=RUNTIMES/java/aws-lambda-java-core-1.4.0.jar
 *       -cp RUNTIMES/java/hearth-runtime-java.jar io.hearth.runtime.java.Main
 * </pre>
 *
 * The core jar is named explicitly: the runtime would look for it beside its own jar, found
 * through its classes' code source, which for classes mapped from the class-data archive of a
 * relocated class path (the sandbox sees the jar at /var/runtime/java, the archive was dumped
 * at the host path) is not the jar the JVM was started with.
 *
 * The JDK: the newest one found ({@link JdkCatalog}) whose feature version is at least the
 * runtime's (java17 → 17, …) and at least 21, the release the runtime jar is compiled for; so
 * all three runtimes run on the newest JDK of the host when it is recent enough. The heap is fixed
 * at start (heap ergonomics would size it from the host's memory, not the sandbox's limit when
 * there is no cgroup), which is why the warming pool keeps generic JVMs per memory size.
 *
 * <p>Class-data archive: the first command built for a JDK starts making its
 * {@link ClassDataArchive} on {@code archiveMaker} (a virtual thread in production); launches add
 * {@code -XX:SharedArchiveFile} once it is ready, and run without it before.
 */
final class JavaLauncher {
    static final String MAIN = "io.hearth.runtime.java.Main";
    static final String JAR = "hearth-runtime-java.jar";
    /** The runtime's property naming the fallback core jar (its README, "Launching"). */
    static final String CORE_PROPERTY = "hearth.runtime.lambdaCore";
    /** The flags of every launch, and of the archive's training and dump (an archive fits only these). */
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "--add-opens=java.base/java.util=ALL-UNNAMED");
    /** The oldest JDK the runtime jar runs on (it is compiled with --release 21). */
    static final int RUNTIME_FEATURE = 21;
    /** Share of the function's memory given to the heap; the rest is metaspace, code, stacks, /tmp. */
    static final int HEAP_PERCENT = 85;

    private final JdkCatalog jdks;
    private final Path jar;
    private final Path core;
    private final Executor archiveMaker;
    private final Map<Path, ClassDataArchive> archives = new ConcurrentHashMap<>();
    private final Map<Path, CompletableFuture<Void>> made = new ConcurrentHashMap<>();

    /** {@code core}: the fallback aws-lambda-java-core jar, named to the runtime explicitly (or null: it looks beside its jar). */
    JavaLauncher(JdkCatalog jdks, Path jar, Path core, Executor archiveMaker) {
        this.jdks = jdks;
        this.jar = jar;
        this.core = core;
        this.archiveMaker = archiveMaker;
    }

    /**
     * The command line of a JVM for {@code runtime} with {@code memoryMb}.
     *
     * @throws HearthException (ServiceException) when no installed JDK is recent enough
     */
    List<String> command(Runtime runtime, int memoryMb) {
        int needed = Math.max(runtime.javaFeature(), RUNTIME_FEATURE);
        Jdk jdk = jdks.newest(needed).orElseThrow(() -> new HearthException(ErrorCode.SERVICE, "runtime "
                + runtime.id() + " needs a JDK " + needed + " or later"
                + (runtime.javaFeature() < RUNTIME_FEATURE ? " (Hearth's Java runtime is built for Java "
                + RUNTIME_FEATURE + ")" : "") + "; found: " + jdks.describe()));
        return command(jdk, memoryMb);
    }

    /** The command line of a generic (warming-pool) JVM with {@code memoryMb}: the newest JDK; empty when none fits. */
    Optional<List<String>> generic(int memoryMb) {
        return jdks.newest(RUNTIME_FEATURE).map(jdk -> command(jdk, memoryMb));
    }

    /** Whether a JDK recent enough for the runtime is installed (starts nothing). */
    boolean available() {
        return jdks.newest(RUNTIME_FEATURE).isPresent();
    }

    /** Completes when the archive for the JDK {@code runtime} runs on was made or failed (starts it if need be). */
    CompletableFuture<Void> archiveMade(Runtime runtime) {
        Jdk jdk = jdks.newest(Math.max(runtime.javaFeature(), RUNTIME_FEATURE)).orElseThrow();
        archive(jdk);
        return made.get(jdk.home());
    }

    private List<String> command(Jdk jdk, int memoryMb) {
        var command = new ArrayList<String>(FLAGS.size() + 6);
        command.add(jdk.java().toString());
        command.addAll(FLAGS);
        archive(jdk).ready().ifPresent(a -> command.add("-XX:SharedArchiveFile=" + a));
        command.add("-Xmx" + Math.max(16, memoryMb * HEAP_PERCENT / 100) + "m");
        if (core != null) command.add("-D" + CORE_PROPERTY + "=" + core);
        command.addAll(List.of("-cp", jar.toString(), MAIN));
        return List.copyOf(command);
    }

    /** Stops the making of archives and waits (briefly) until their JVMs are gone and temporary files removed. */
    void close() {
        archives.values().forEach(ClassDataArchive::cancel);
        for (var f : made.values()) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // it failed or is stuck: nothing more to wait for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The archive for {@code jdk}; the first call starts making it. */
    private ClassDataArchive archive(Jdk jdk) {
        return archives.computeIfAbsent(jdk.home(), home -> {
            var archive = ClassDataArchive.of(jdk, jar);
            made.put(home, archive.ready().isPresent() ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> {
                        archive.create();
                        removeStaleArchives();
                    }, archiveMaker));
            return archive;
        });
    }

    /** Deletes archives of earlier runtime jars or JDKs (a running JVM keeps its mapped copy). */
    private void removeStaleArchives() {
        var current = archives.values().stream().map(ClassDataArchive::file).toList();
        try (var files = Files.list(jar.getParent())) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(ClassDataArchive.PREFIX) && name.endsWith(ClassDataArchive.SUFFIX)
                        && !current.contains(f)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // a stale archive left behind costs disk only; it is never used
        }
    }
}
