package io.hearth.sandbox.isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one sandbox process should run, in host terms: its id, the runtime's command line (host
 * paths), the unpacked code, Hearth's runtime directory (the bootstraps), the environment Lambda
 * defines for it (with {@code AWS_LAMBDA_RUNTIME_API} naming the session on the Runtime API's TCP
 * port) and the function's memory size. {@code socketAware} says the runtime reaches the Runtime
 * API by itself over the Unix socket named by {@code HEARTH_RUNTIME_SOCKET} when that is set, and
 * serves the TCP port {@code HEARTH_RUNTIME_RELAY} names for its handler code (Hearth's Python,
 * Node and Java runtimes), so that an isolated one needs no relay process. {@code network}: what network the function
 * may use besides its own loopback (enforced only by namespace isolation). An {@link Isolation}
 * turns the request into a {@link LaunchPlan}.
 */
public record ProcessRequest(String sandboxId, List<String> command, Path codeDir, Path runtimeDir,
                             Map<String, String> environment, int memoryMb, boolean socketAware,
                             NetworkAccess network) {
    /** A request for a sandbox with no network but its own loopback ({@link NetworkAccess#NONE}). */
    public ProcessRequest(String sandboxId, List<String> command, Path codeDir, Path runtimeDir,
                          Map<String, String> environment, int memoryMb, boolean socketAware) {
        this(sandboxId, command, codeDir, runtimeDir, environment, memoryMb, socketAware, NetworkAccess.NONE);
    }

    public ProcessRequest {
        Objects.requireNonNull(sandboxId, "sandboxId");
        command = List.copyOf(command);
        if (command.isEmpty()) throw new IllegalArgumentException("empty command");
        Objects.requireNonNull(codeDir, "codeDir");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        environment = Map.copyOf(environment);
        if (memoryMb <= 0) throw new IllegalArgumentException("memoryMb must be positive: " + memoryMb);
        Objects.requireNonNull(network, "network");
    }
}
