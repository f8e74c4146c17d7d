package io.hearth.server;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Jetty, HikariCP and Flyway log through SLF4J / java.util.logging; only their warnings are of
 * interest to a user. The loggers are held so their levels are not garbage-collected away.
 */
final class Quiet {
    private static final Logger[] LIBRARIES = {
            Logger.getLogger("org.eclipse.jetty"), Logger.getLogger("com.zaxxer.hikari"),
            Logger.getLogger("org.flywaydb")};

    private Quiet() {}

    static void libraryLogging() {
        for (Logger l : LIBRARIES) l.setLevel(Level.WARNING);
    }
}
