package io.hearth.sandbox.isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one sandbox process: the real command line, its working directory and complete
 * environment (nothing else may be added), the {@link SandboxLimits} to consult and release when
 * the process is gone, and its {@link SandboxNetwork}: attach it as soon as the process has
 * started (on failure stop the process), release it when the process is gone.
 */
public record LaunchPlan(List<String> command, Path directory, Map<String, String> environment,
                         SandboxLimits limits, SandboxNetwork network) {
    /** A plan whose sandbox gets no network to attach ({@link SandboxNetwork#NONE}). */
    public LaunchPlan(List<String> command, Path directory, Map<String, String> environment, SandboxLimits limits) {
        this(command, directory, environment, limits, SandboxNetwork.NONE);
    }

    public LaunchPlan {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(network, "network");
    }
}
