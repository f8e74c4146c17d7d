package io.hearth.runtime.java;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The test functions of {@link TestFunctions}, compiled and packaged once per test JVM: with
 * {@code aws-lambda-java-core} and {@code -events} in {@code lib/}, and without any library (the
 * runtime's fallback core jar must stand in). Deleted when the JVM exits.
 */
final class Packages {
    private static Path root;
    private static Path bundled;
    private static Path bare;

    private Packages() {}

    /** Task root with core, events and joda-time in lib/. */
    static synchronized Path bundled() throws IOException {
        if (bundled == null) {
            bundled = FunctionPackage.build(root().resolve("bundled"), TestFunctions.all(), FunctionPackage.Libs.CORE_AND_EVENTS);
        }
        return bundled;
    }

    /** Task root with no lib/ at all: only the classes (events handlers left out). */
    static synchronized Path bare() throws IOException {
        if (bare == null) {
            var sources = new java.util.HashMap<>(TestFunctions.all());
            sources.remove("example/Api.java");
            sources.remove("example/Queue.java");
            bare = FunctionPackage.build(root().resolve("bare"), sources, FunctionPackage.Libs.NONE);
        }
        return bare;
    }

    /** A scratch directory for logs. */
    static synchronized Path scratch(String name) throws IOException {
        return Files.createDirectories(root().resolve("logs").resolve(name));
    }

    private static Path root() throws IOException {
        if (root == null) {
            root = Files.createTempDirectory("hearth-runtime-java-test");
            Path r = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(r)));
        }
        return root;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort at exit
        }
    }
}
