package io.hearth.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * No isolation: the runtime runs as a plain child process of the server, with the server's
 * privileges, in its code directory, exactly as described by the request. {@code reason} says
 * why (chosen, or what {@code auto} found missing).
 */
record NoIsolation(String reason) implements Isolation {
    @Override
    public IsolationLevel level() {
        return IsolationLevel.NONE;
    }

    @Override
    public String description() {
        return "none (" + reason + "): user code is NOT isolated from the host";
    }

    @Override
    public LaunchPlan plan(ProcessRequest request) {
        return new LaunchPlan(request.command(), request.codeDir(), request.environment(), SandboxLimits.NONE);
    }

    /** The runtime sees the host's paths: the task root is the unpacked code itself, nothing is placed. */
    @Override
    public String placeCode(Path codeDir, Path slot) {
        return codeDir.toString();
    }

    @Override
    public Map<String, String> environmentInside(Map<String, String> environment) {
        return environment;
    }

    @Override
    public Process start(ProcessBuilder builder) throws IOException {
        return builder.start();
    }

    @Override
    public int cleanupLeftovers() {
        return 0;
    }

    @Override
    public void close() {}
}
