package io.hearth.sandbox.runtimes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JDKs installed on this host, found without starting a process: each candidate home's
 * {@code release} file states its version ({@code JAVA_VERSION="25.0.1"}) and its {@code bin/java}
 * must be executable. Candidates: the homes {@code HEARTH_JDKS} lists (colon-separated; when it is
 * set, only these), else every directory in {@code /usr/lib/jvm}, {@code JAVA_HOME}, the
 * {@code java} on {@code PATH} (symlinks resolved: {@code /usr/bin/java} →
 * {@code /usr/lib/jvm/…/bin/java}) and the server's own JDK. A home reached twice (a symlink such
 * as Debian's {@code java-1.17.0-openjdk-amd64}) counts once, under its real path.
 */
final class JdkCatalog {
    static final String OVERRIDE = "HEARTH_JDKS";
    static final Path JVM_DIR = Path.of("/usr/lib/jvm");

    private final List<Jdk> jdks;
    private final List<String> rejected;
    private final String where;

    private JdkCatalog(List<Jdk> jdks, List<String> rejected, String where) {
        this.jdks = List.copyOf(jdks);
        this.rejected = List.copyOf(rejected);
        this.where = where;
    }

    /** The JDKs of this host, as {@code env} (the server's environment) and its own {@code java.home} point to. */
    static JdkCatalog discover(Map<String, String> env) {
        return discover(env, JVM_DIR, Path.of(System.getProperty("java.home")));
    }

    static JdkCatalog discover(Map<String, String> env, Path jvmDir, Path ownHome) {
        var candidates = new LinkedHashMap<Path, Boolean>();   // home → named explicitly (reported when unusable)
        String override = env.getOrDefault(OVERRIDE, "");
        String where;
        if (!override.isBlank()) {
            for (String home : override.split(":")) {
                if (!home.isBlank()) candidates.put(Path.of(home.strip()), true);
            }
            where = OVERRIDE + "=" + override;
        } else {
            try (var dirs = Files.list(jvmDir)) {
                dirs.sorted().forEach(d -> candidates.put(d, false));
            } catch (IOException e) {
                // no such directory: nothing installed there
            }
            String javaHome = env.getOrDefault("JAVA_HOME", "");
            if (!javaHome.isBlank()) candidates.put(Path.of(javaHome), true);
            Path onPath = javaOnPath(env.getOrDefault("PATH", ""));
            if (onPath != null) candidates.put(onPath, false);
            candidates.put(ownHome, false);
            where = jvmDir + ", JAVA_HOME, java on PATH and the server's own JDK; set " + OVERRIDE
                    + " to name JDK homes";
        }
        var jdks = new ArrayList<Jdk>();
        var rejected = new ArrayList<String>();
        Set<Path> seen = new HashSet<>();
        for (var c : candidates.entrySet()) {
            Path real;
            try {
                real = c.getKey().toRealPath();
            } catch (IOException e) {
                if (c.getValue()) rejected.add(c.getKey() + " (does not exist)");
                continue;
            }
            if (!seen.add(real)) continue;
            String problem = read(real, jdks);
            if (problem != null && c.getValue()) rejected.add(c.getKey() + " (" + problem + ")");
        }
        jdks.sort(Jdk.BY_VERSION);
        return new JdkCatalog(jdks, rejected, where);
    }

    /** Adds the JDK at {@code home} to {@code into}; or says why it is none. */
    private static String read(Path home, List<Jdk> into) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) return "no release file";
        String version = null;
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    version = line.substring("JAVA_VERSION=".length()).strip().replace("\"", "");
                    break;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return "release file unreadable";
        }
        if (version == null || version.isEmpty()) return "no JAVA_VERSION in its release file";
        int feature = Jdk.featureOf(version);
        if (feature < 1) return "unrecognised version " + version;
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) return "no executable bin/java";
        into.add(new Jdk(home, version, feature));
        return null;
    }

    /** The home of the {@code java} on {@code path} ({@code …/bin/java} with symlinks resolved), or null. */
    private static Path javaOnPath(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, "java");
            if (!Files.isRegularFile(candidate) || !Files.isExecutable(candidate)) continue;
            try {
                Path bin = candidate.toRealPath().getParent();
                return bin == null || bin.getParent() == null ? null : bin.getParent();
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** Every usable JDK found, oldest first. */
    List<Jdk> all() {
        return jdks;
    }

    /** The newest JDK of feature version {@code minFeature} or later. */
    Optional<Jdk> newest(int minFeature) {
        for (int i = jdks.size() - 1; i >= 0; i--) {
            if (jdks.get(i).feature() >= minFeature) return Optional.of(jdks.get(i));
        }
        return Optional.empty();
    }

    /**
     * What was seen, for a message: {@code 17.0.15 (/usr/lib/jvm/java-17-openjdk-amd64)}, …, and
     * the homes named explicitly that are no JDK; or "none" and where it looked.
     */
    String describe() {
        var parts = new ArrayList<String>();
        jdks.forEach(j -> parts.add(j.toString()));
        rejected.forEach(r -> parts.add("not a JDK: " + r));
        return (jdks.isEmpty() ? "no JDK" + (parts.isEmpty() ? "" : ", ") : "") + String.join(", ", parts)
                + " (looked in " + where + ")";
    }
}
