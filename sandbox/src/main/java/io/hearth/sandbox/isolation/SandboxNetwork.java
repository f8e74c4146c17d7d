package io.hearth.sandbox.isolation;

import java.io.IOException;

/**
 * The network one sandbox has beyond its empty namespace, from its start until {@link #release()}:
 * connected from the host once the sandbox process runs ({@link #attach}), because it needs the
 * sandbox's network namespace, which exists only then. {@link #NONE} when it gets nothing (its
 * own loopback only, or no isolation at all).
 */
public interface SandboxNetwork {
    /** Nothing to connect, nothing to release. */
    SandboxNetwork NONE = new SandboxNetwork() {
        @Override
        public void attach(Process sandbox, SandboxLimits limits) {}

        @Override
        public void release() {}

        @Override
        public String toString() {
            return "no network";
        }
    };

    /**
     * Connects the network to the just-started {@code sandbox} process (the one a
     * {@link LaunchPlan} describes; {@code limits} are that plan's, whose cgroup lists the sandbox's processes). Returns once the host side is started; the sandbox's start
     * script waits for the link to come up before the runtime runs. Call once.
     *
     * @throws IOException when it cannot be connected (the caller then stops the sandbox and
     *                     calls {@link #release()})
     */
    void attach(Process sandbox, SandboxLimits limits) throws IOException;

    /**
     * Disconnects it and stops what runs on the host for it. Idempotent, never blocks; call when
     * the sandbox is gone.
     */
    void release();
}
