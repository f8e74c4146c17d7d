package io.hearth.sandbox.runtimes;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * An installed JDK: its home (a real path, symlinks resolved), the version its {@code release}
 * file states ({@code JAVA_VERSION="25.0.1"}) and that version's feature number (25; 8 for
 * {@code 1.8.0_402}).
 */
record Jdk(Path home, String version, int feature) {
    /** Older first: by feature, then by the version's numeric parts ({@code 25.0.1} before {@code 25.0.3}). */
    static final Comparator<Jdk> BY_VERSION = Comparator.comparingInt(Jdk::feature)
            .thenComparing(Jdk::version, Jdk::compareVersions);

    Jdk {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(version, "version");
        if (feature < 1) throw new IllegalArgumentException("feature version must be positive: " + feature);
    }

    /** Its {@code bin/java}. */
    Path java() {
        return home.resolve("bin").resolve("java");
    }

    /** The feature number of a {@code JAVA_VERSION} value, or -1 when it has none. */
    static int featureOf(String version) {
        String[] parts = version.split("[.+_-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("[.+_-]");
        String[] y = b.split("[.+_-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? number(x[i]) : 0;
            long q = i < y.length ? number(y[i]) : 0;
            if (p != q) return Long.compare(p, q);
        }
        return 0;
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code 25.0.3 (/usr/lib/jvm/temurin-25-jdk-amd64)}. */
    @Override
    public String toString() {
        return version + " (" + home + ")";
    }
}
