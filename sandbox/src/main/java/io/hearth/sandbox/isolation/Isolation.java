package io.hearth.sandbox.isolation;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How sandbox processes are isolated from the host and from each other: the driver that turns a
 * runtime's command line into the process actually started. {@link #none()} runs it as it is (a
 * child of the server); {@link #namespaces} runs it in a bubblewrap sandbox (own pid, ipc, uts,
 * mount, network and cgroup namespaces; read-only root; only its own code; an unprivileged uid
 * without capabilities; cgroup limits) reaching the Runtime API through a Unix socket. Chosen once
 * at start-up from {@code --isolation none|namespaces|auto}: {@link #select}.
 */
public sealed interface Isolation extends AutoCloseable permits NoIsolation, NamespaceIsolation {
    /** {@link IsolationLevel#NONE} or {@link IsolationLevel#NAMESPACES}: what runs, never AUTO. */
    IsolationLevel level();

    /** One line for the server's start-up banner: the level and what it rests on, or why not more. */
    String description();

    /**
     * The real command line, working directory and environment of one sandbox process, and its
     * limits (created here: release them when the process is gone, or at once if it never starts).
     *
     * @throws IOException when the runtime's executable is missing or not executable, as
     *                     {@link ProcessBuilder#start()} would report it
     */
    LaunchPlan plan(ProcessRequest request) throws IOException;

    /**
     * Late binding: makes the unpacked code {@code codeDir} visible to a generic sandbox that was
     * launched with the empty directory {@code slot} as its code directory, and returns the task
     * root ({@code LAMBDA_TASK_ROOT}) as the sandbox sees it.
     */
    String placeCode(Path codeDir, Path slot) throws IOException;

    /** A function's environment (host terms, as for {@link ProcessRequest}) as its runtime must see it. */
    Map<String, String> environmentInside(Map<String, String> environment);

    /** Starts a process built from a {@link LaunchPlan}. */
    Process start(ProcessBuilder builder) throws IOException;

    /**
     * Removes what sandboxes of a crashed previous run of this server left on the host (their
     * cgroups, killing any process still in one); returns how many. Call once at start-up, before
     * the first sandbox, beside {@code SandboxFleet.cleanupLeftovers()}.
     */
    int cleanupLeftovers();

    /** Removes what this isolation created on the host, once every sandbox has stopped. */
    @Override
    void close();

    /** No isolation. */
    static Isolation none() {
        return new NoIsolation("--isolation none");
    }

    /**
     * Bubblewrap sandboxes with cgroup limits where the host has them.
     *
     * @throws HearthException (ServiceException) naming what is missing when this host cannot run them
     */
    static Isolation namespaces(NamespaceSettings settings) {
        var probe = BwrapProbe.probe(settings);
        if (!probe.works()) {
            throw new HearthException(ErrorCode.SERVICE, "Namespace isolation is not available on this host: "
                    + probe.detail());
        }
        return NamespaceIsolation.create(settings, probe.detail());
    }

    /** {@link #namespaces} when this host can run it, else {@link #none()} saying why not. */
    static Isolation detect(NamespaceSettings settings) {
        var probe = BwrapProbe.probe(settings);
        return probe.works() ? NamespaceIsolation.create(settings, probe.detail())
                : new NoIsolation("auto: " + probe.detail());
    }

    /** The isolation {@code level} asks for ({@code auto}: {@link #detect}). */
    static Isolation select(IsolationLevel level, NamespaceSettings settings) {
        return switch (level) {
            case NONE -> none();
            case NAMESPACES -> namespaces(settings);
            case AUTO -> detect(settings);
        };
    }
}
