package io.hearth.sandbox.isolation;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sandbox process started by the {@link Launcher}: a child of the launcher, not of the server.
 * Its exit status comes from the launcher (which reaps it), and signals go through the launcher,
 * which sends them only while the process is unreaped, so never to a reused pid. Its input is
 * {@code /dev/null} and its output goes to a file: it has no streams here.
 */
final class LaunchedProcess extends Process {
    private final Launcher launcher;
    private final String id;
    private final ProcessHandle handle;
    private final CompletableFuture<Integer> exit;

    LaunchedProcess(Launcher launcher, String id, ProcessHandle handle, CompletableFuture<Integer> exit) {
        this.launcher = launcher;
        this.id = id;
        this.handle = handle;
        this.exit = exit;
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public int exitValue() {
        if (!exit.isDone()) throw new IllegalThreadStateException("process " + handle.pid() + " has not exited");
        return exit.join();
    }

    @Override
    public void destroy() {
        launcher.signal(id, 15);
    }

    @Override
    public Process destroyForcibly() {
        launcher.signal(id, 9);
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public long pid() {
        return handle.pid();
    }

    /**
     * The process's handle, taken when it started (it holds the start time, so it never stands
     * for a later process that reuses the pid).
     */
    @Override
    public ProcessHandle toHandle() {
        return handle;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exit.thenApply(code -> this);
    }

    @Override
    public String toString() {
        return "LaunchedProcess[pid=" + handle.pid() + ", exitValue=" + (exit.isDone() ? exit.join() : "\"not exited\"") + "]";
    }
}
