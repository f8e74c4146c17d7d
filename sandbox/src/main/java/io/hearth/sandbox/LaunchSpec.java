package io.hearth.sandbox;

import io.hearth.sandbox.isolation.NetworkAccess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one sandbox's runtime: the command line, the unpacked code (its working
 * directory and {@code LAMBDA_TASK_ROOT}), the runtime directory, the platform-level
 * environment (region, …) to merge under the function's own, and the network the function may
 * use besides its own loopback (the function's {@code hearth:network} setting; enforced only by
 * namespace isolation).
 */
public record LaunchSpec(List<String> command, Path codeDir, Path runtimeDir, String region, NetworkAccess network) {
    /** A spec for a function without network ({@link NetworkAccess#NONE}). */
    public LaunchSpec(List<String> command, Path codeDir, Path runtimeDir, String region) {
        this(command, codeDir, runtimeDir, region, NetworkAccess.NONE);
    }

    public LaunchSpec {
        command = List.copyOf(command);
        Objects.requireNonNull(network, "network");
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
