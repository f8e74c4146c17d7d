package io.hearth.runtime.java;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a function package at test time as a user would deploy one: handler sources compiled
 * against {@code aws-lambda-java-core} (and {@code -events}) from the test class path, zipped
 * with classes at the root and the chosen libraries in {@code lib/}, then extracted into a task
 * root as Lambda extracts it.
 */
final class FunctionPackage {
    /** Which libraries the package bundles in lib/. */
    enum Libs { NONE, CORE, CORE_AND_EVENTS }

    private FunctionPackage() {}

    static Path core() {
        return jarOf(RequestHandler.class);
    }

    static List<Path> events() {
        return List.of(jarOf(APIGatewayProxyRequestEvent.class), jarOf(org.joda.time.DateTime.class));
    }

    private static Path jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles {@code sources} (relative path → Java source) and returns the extracted task root
     * under {@code dir}.
     */
    static Path build(Path dir, Map<String, String> sources, Libs libs) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (var e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        List<Path> classpath = new ArrayList<>();
        classpath.add(core());
        classpath.addAll(events());
        List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-g", "-d", classes.toString(),
                "-classpath", String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new StringWriter();
        int rc = javac.run(null, null, new java.io.PrintStream(new WriterStream(diagnostics), true), args.toArray(String[]::new));
        if (rc != 0) throw new IllegalStateException("test function sources do not compile:\n" + diagnostics);
        List<Path> lib = switch (libs) {
            case NONE -> List.of();
            case CORE -> List.of(core());
            case CORE_AND_EVENTS -> {
                List<Path> all = new ArrayList<>(List.of(core()));
                all.addAll(events());
                yield all;
            }
        };
        Path zip = dir.resolve("function.zip");
        zip(classes, lib, zip);
        return unzip(zip, Files.createDirectories(dir.resolve("task")));
    }

    private static void zip(Path classes, List<Path> lib, Path zip) throws IOException {
        try (var out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            for (Path jar : lib) {
                out.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                Files.copy(jar, out);
                out.closeEntry();
            }
        }
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        try (var in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) throw new IOException("zip entry outside the task root: " + e.getName());
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
        return into;
    }

    /** Adapts a Writer for javac's diagnostics stream. */
    private static final class WriterStream extends OutputStream {
        private final StringWriter w;

        WriterStream(StringWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            w.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            w.write(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }
}
