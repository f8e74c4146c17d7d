package io.hearth.server;

import io.hearth.engine.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a node needs to start, validated once (see docs/configuration.md for each key, its
 * flag, environment variable and default).
 */
public record ServerConfig(String bind, int port, Path dataDir, EngineConfig engine) {
    public static final int DEFAULT_PORT = 4327;

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0–65535, got " + port);
        if (bind == null || bind.isBlank()) throw new IllegalArgumentException("bind address must not be empty");
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Defaults for everything but where to listen and store. */
    public static ServerConfig of(String bind, int port, Path dataDir) {
        Path abs = dataDir.toAbsolutePath().normalize();
        return new ServerConfig(bind, port, abs, EngineConfig.defaults(abs));
    }

    public ServerConfig withEngine(EngineConfig e) {
        return new ServerConfig(bind, port, dataDir, e);
    }

    /** Parses a duration like {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}. */
    static Duration duration(String key, String text) {
        try {
            if (text.endsWith("ms")) return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            long n = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a duration like 500ms, 30s, 10m or 1h");
        }
    }

    static List<Duration> durations(String key, String text) {
        if (text.isBlank()) return List.of();
        return java.util.Arrays.stream(text.split(",")).map(String::trim).map(t -> duration(key, t)).toList();
    }
}
