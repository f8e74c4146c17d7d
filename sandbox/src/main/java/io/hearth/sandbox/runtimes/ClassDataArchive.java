package io.hearth.sandbox.runtimes;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The static AppCDS archive of Hearth's Java runtime for one JDK (runtime-java/README.md,
 * "Class-data archive"): a training run ({@code Main --train} with
 * {@code -XX:DumpLoadedClassList}) lists the classes start-up loads, then {@code -Xshare:dump}
 * writes them, JDK classes included, into {@code hearth-runtime-KEY.jsa} beside the jar. Both runs
 * use exactly {@link JavaLauncher#FLAGS}, the flags every launch has; an archive only fits
 * launches with the same GC and module options, the same JDK and the same jar file.
 *
 * <p>KEY hashes the jar's bytes, size and modification time (the JVM checks those two), the flags,
 * and the JDK's version and real home: an archive made for other runtime code, another JDK or
 * other flags is never found under this name, so a stale one is never passed to a JVM (which would
 * print an {@code [error][cds]} line into the function's log and start without it). The archive
 * is written under a temporary name, made readable by everyone (the sandbox uid maps it) and moved
 * into place atomically; until then {@link #ready} is empty and launches go without it. A failure
 * is said in one line on stderr; launches then simply never use an archive for that JDK.
 */
final class ClassDataArchive {
    static final String PREFIX = "hearth-runtime-";
    static final String SUFFIX = ".jsa";
    private static final long STEP_TIMEOUT_SECONDS = 120;

    private final Jdk jdk;
    private final Path jar;
    private final Path target;
    private volatile boolean ready;
    private volatile boolean cancelled;
    private volatile Process current;

    private ClassDataArchive(Jdk jdk, Path jar, Path target, boolean ready) {
        this.jdk = jdk;
        this.jar = jar;
        this.target = target;
        this.ready = ready;
    }

    /** The archive of {@code jar} for {@code jdk}, in the jar's directory; ready when made by an earlier run. */
    static ClassDataArchive of(Jdk jdk, Path jar) {
        Path target = jar.resolveSibling(PREFIX + key(jdk, jar) + SUFFIX);
        return new ClassDataArchive(jdk, jar, target, Files.isRegularFile(target));
    }

    /** The archive to pass with {@code -XX:SharedArchiveFile}, once it exists. */
    Optional<Path> ready() {
        return ready ? Optional.of(target) : Optional.empty();
    }

    Path file() {
        return target;
    }

    /** Stops the making of the archive, if it runs (the server stops): its JVM is killed, nothing is said. */
    void cancel() {
        cancelled = true;
        Process p = current;
        if (p != null) p.destroyForcibly();
    }

    /** Makes the archive unless it exists (blocks for the two JVM runs, ~1–2 s). Never throws. */
    void create() {
        if (ready || cancelled) return;
        Path dir = target.getParent();
        Path classes = null;
        Path temp = null;
        try {
            classes = Files.createTempFile(dir, ".hearth-runtime-", ".classes");
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.delete(temp);   // the JVM creates it
            run("training run", command("-XX:DumpLoadedClassList=" + classes, "-cp", jar.toString(),
                    JavaLauncher.MAIN, "--train"));
            run("dump", command("-Xshare:dump", "-XX:SharedClassListFile=" + classes,
                    "-XX:SharedArchiveFile=" + temp, "-cp", jar.toString()));
            if (!Files.isRegularFile(temp)) throw new IOException("the dump wrote no archive");
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ready = true;
        } catch (IOException e) {
            if (cancelled) return;
            System.err.println("hearth: no class-data archive for the Java runtime on JDK " + jdk + " (Java functions "
                    + "start without one, slower): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(classes);
            deleteQuietly(temp);
        }
    }

    private List<String> command(String... args) {
        var command = new ArrayList<String>();
        command.add(jdk.java().toString());
        command.addAll(JavaLauncher.FLAGS);
        command.addAll(List.of(args));
        return command;
    }

    private void run(String step, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(target.getParent(), ".hearth-runtime-", ".log");
        try {
            var builder = new ProcessBuilder(command).directory(target.getParent().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().remove("_JAVA_OPTIONS");
            builder.environment().remove("JDK_JAVA_OPTIONS");
            if (cancelled) throw new IOException("cancelled");
            Process p = builder.start();
            current = p;
            if (cancelled) p.destroyForcibly();
            if (!p.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the " + step + " did not finish within " + STEP_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                String said = Files.readString(log, StandardCharsets.ISO_8859_1).strip();
                int from = Math.max(0, said.length() - 300);
                throw new IOException("the " + step + " exited " + p.exitValue() + (said.isEmpty() ? "" : ": "
                        + said.substring(from).replace('\n', ' ')));
            }
        } finally {
            deleteQuietly(log);
        }
    }

    private static String key(Jdk jdk, Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(in.readAllBytes());
            sha.update((Files.size(jar) + "\0" + Files.getLastModifiedTime(jar).toMillis() + "\0"
                    + String.join(" ", JavaLauncher.FLAGS) + "\0" + jdk.version() + "\0" + jdk.home())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            return "unkeyed-" + java.util.UUID.randomUUID();   // never matches: made afresh (or fails) in this run
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary file in the runtime directory; the next install ignores it
        }
    }
}
