package io.hearth.runtime.java;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TimeZone;

/**
 * Makes late-bound variables visible to the function's {@code System.getenv()}. Java has no API
 * to change its own environment; the JDK keeps it in an unmodifiable view over a private map, and
 * this class writes into that map — which the JVM allows only when started with
 * {@code --add-opens java.base/java.util=ALL-UNNAMED}. Without that flag nothing changes and
 * {@link #apply} says so: the runtime itself still uses the bound values (its {@link Environment}),
 * but the function's own {@code System.getenv()} does not see them. Child processes the function
 * starts inherit the patched environment. {@code TZ}, when bound, also sets the default time zone.
 */
final class ProcessEnvironment {
    static final String FLAG = "--add-opens java.base/java.util=ALL-UNNAMED";

    private ProcessEnvironment() {}

    /** Puts {@code variables} into {@code System.getenv()}; false when the JVM does not allow it. */
    static boolean apply(Map<String, String> variables) {
        String tz = variables.get("TZ");
        if (tz != null && !tz.isBlank()) {
            TimeZone.setDefault(TimeZone.getTimeZone(tz.startsWith(":") ? tz.substring(1) : tz));
        }
        Map<String, String> view = System.getenv();
        Map<String, String> underlying;
        try {
            Field f = view.getClass().getDeclaredField("m");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, String> m = (Map<String, String>) f.get(view);
            underlying = m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
        for (Map.Entry<String, String> e : variables.entrySet()) {
            try {
                underlying.put(e.getKey(), e.getValue());
            } catch (RuntimeException invalid) {      // a name with '=' or NUL cannot be an environment variable
                // skipped: the runtime's Environment still holds it
            }
        }
        return true;
    }
}
