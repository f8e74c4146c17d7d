package io.hearth.runtime.java;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The function's class loader, laid out as Lambda lays it out: the task root (classes at the
 * root, as an extracted zip or jar leaves them), then {@code lib/*.jar} in lexical order, then
 * {@code /opt/java/lib/*.jar} (layers); its parent is the runtime's loader. Last comes the
 * fallback {@code aws-lambda-java-core} jar shipped beside the runtime, so a function that does
 * not bundle the library still finds {@code Context} and the handler interfaces, while one that
 * does uses its own copy.
 *
 * <p>The fallback is the newest {@code aws-lambda-java-core-*.jar} in the directory of the
 * runtime's own code source (its jar's directory, or {@code target/} beside
 * {@code target/classes}), unless the system property {@value #CORE_PROPERTY} names a file.
 */
final class FunctionCode {
    static final String CORE_PROPERTY = "hearth.runtime.lambdaCore";
    static final Path LAYER_LIB = Path.of("/opt/java/lib");

    private FunctionCode() {}

    static URLClassLoader loader(Path taskRoot, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(taskRoot.toUri().toURL());
            jars(taskRoot.resolve("lib"), urls);
            jars(LAYER_LIB, urls);
            Path core = fallbackCore();
            if (core != null) urls.add(core.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot name the function's code: " + e.getMessage(), e);
        }
        return new URLClassLoader(urls.toArray(new URL[0]), parent);
    }

    private static void jars(Path dir, List<URL> urls) throws MalformedURLException {
        for (String n : sortedJars(dir.toFile(), "")) urls.add(dir.resolve(n).toUri().toURL());
    }

    /** Names of the {@code .jar} files in {@code dir} starting with {@code prefix}, in lexical order. */
    private static List<String> sortedJars(File dir, String prefix) {
        String[] all = dir.list();                          // java.io: no streams or lambdas at start-up
        List<String> names = new ArrayList<>();
        if (all == null) return names;
        for (String n : all) if (n.startsWith(prefix) && n.endsWith(".jar")) names.add(n);
        names.sort(null);
        return names;
    }

    /** The aws-lambda-java-core jar to fall back on, or null when there is none. */
    static Path fallbackCore() {
        String configured = System.getProperty(CORE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isRegularFile(p) ? p : null;
        }
        try {
            CodeSource source = FunctionCode.class.getProtectionDomain().getCodeSource();
            if (source == null) return null;
            Path dir = Path.of(source.getLocation().toURI()).getParent();
            if (dir == null) return null;
            List<String> cores = sortedJars(dir.toFile(), "aws-lambda-java-core-");
            return cores.isEmpty() ? null : dir.resolve(cores.get(cores.size() - 1));
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
