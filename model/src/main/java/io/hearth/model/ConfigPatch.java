package io.hearth.model;

import java.util.Map;
import java.util.Optional;

/**
 * The fields of an UpdateFunctionConfiguration request; absent fields keep their value.
 * {@link #applyTo} validates the merged result.
 */
public record ConfigPatch(
        Optional<Runtime> runtime,
        Optional<String> handler,
        Optional<Integer> timeoutSeconds,
        Optional<Integer> memoryMb,
        Optional<Map<String, String>> environment,
        Optional<String> description,
        Optional<String> role) {

    /** A patch that leaves the role as it is. */
    public ConfigPatch(Optional<Runtime> runtime, Optional<String> handler, Optional<Integer> timeoutSeconds,
                       Optional<Integer> memoryMb, Optional<Map<String, String>> environment,
                       Optional<String> description) {
        this(runtime, handler, timeoutSeconds, memoryMb, environment, description, Optional.empty());
    }

    public static ConfigPatch empty() {
        return new ConfigPatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public FunctionConfig applyTo(FunctionConfig c) {
        return new FunctionConfig(
                runtime.orElse(c.runtime()),
                handler.orElse(c.handler()),
                timeoutSeconds.orElse(c.timeoutSeconds()),
                memoryMb.orElse(c.memoryMb()),
                environment.orElse(c.environment()),
                description.orElse(c.description()),
                role.orElse(c.role()));
    }
}
