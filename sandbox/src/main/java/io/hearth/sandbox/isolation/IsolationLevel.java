package io.hearth.sandbox.isolation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The value of {@code --isolation}: {@link #NONE} runs user code as a plain child process of the
 * server (no isolation at all), {@link #NAMESPACES} in a bubblewrap sandbox with cgroup limits,
 * {@link #AUTO} the strongest of the two this host supports.
 */
public enum IsolationLevel {
    NONE, NAMESPACES, AUTO;

    /** The level spelled {@code text} (case-insensitive). */
    public static IsolationLevel parse(String text) {
        if (text != null) {
            for (IsolationLevel level : values()) {
                if (level.id().equals(text.trim().toLowerCase(Locale.ROOT))) return level;
            }
        }
        throw new IllegalArgumentException("isolation must be one of " + Arrays.stream(values())
                .map(IsolationLevel::id).collect(Collectors.joining(", ")) + "; got '" + text + "'");
    }

    /** How the level is spelled on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
