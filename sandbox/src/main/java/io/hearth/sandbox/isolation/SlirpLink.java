package io.hearth.sandbox.isolation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One sandbox's outbound link: a slirp4netns process, the server's own child on the host, joined
 * to the sandbox's network namespace (found by {@link NetnsMember}) where it makes and configures
 * {@code tap0}. It must never outlive the sandbox:
 *
 * <ul>
 *   <li>the sandbox stops: {@link #release()} (called when the sandbox process has exited) closes
 *       its exit pipe and kills it;</li>
 *   <li>the server dies, even by SIGKILL: slirp4netns's {@code --exit-fd} is its standard input,
 *       a pipe whose only writer is the server, so the kernel's closing of the server's files
 *       wakes it and it exits. (No parent-death signal, whose subtlety is the thread, see
 *       {@link Spawner}: a closed pipe is the process's own death, from any thread.)</li>
 * </ul>
 *
 * It runs as root outside the sandbox but confines itself ({@code --enable-sandbox}: its own
 * mount namespace with an empty root, every capability dropped but binding low ports;
 * {@code --enable-seccomp}). Should it end while the sandbox still runs, the sandbox would have
 * lost its network without knowing: the link then kills the sandbox (the next invoke gets a
 * fresh one) and logs slirp4netns's last words.
 */
final class SlirpLink implements SandboxNetwork {
    private static final long FIND_NAMESPACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int LOG_TAIL_BYTES = 2048;

    private final List<String> command;
    private final Path bwrap;
    private final String sandboxId;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Process slirp;

    /**
     * {@code command}: slirp4netns and its options, to which the pid and the tap device are added;
     * {@code bwrap}: the bubblewrap binary that makes the sandbox (see {@link NetnsMember}).
     */
    SlirpLink(List<String> command, Path bwrap, String sandboxId) {
        this.command = List.copyOf(command);
        this.bwrap = bwrap;
        this.sandboxId = sandboxId;
    }

    @Override
    public void attach(Process sandbox, SandboxLimits limits) throws IOException {
        if (slirp != null) throw new IllegalStateException(sandboxId + ": the network is attached already");
        long member = NetnsMember.await(sandbox.toHandle(), limits, bwrap, FIND_NAMESPACE_NANOS);
        var argv = new ArrayList<>(command);
        argv.add(Long.toString(member));
        argv.add(OutboundNetwork.TAP);
        Process p = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.PIPE)       // the exit fd: closed when the server dies
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)   // its start-up banner
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        slirp = p;
        if (released.get()) {   // the sandbox ended meanwhile
            stop(p);
            return;
        }
        Thread.ofVirtual().name("slirp4netns-" + sandboxId).start(() -> watch(p, sandbox.toHandle()));
    }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) return;
        Process p = slirp;
        if (p != null) stop(p);
    }

    /** The slirp4netns command line but the pid and tap device, for tests. */
    List<String> command() {
        return command;
    }

    /** The slirp4netns process (null until attached), for tests. */
    Process process() {
        return slirp;
    }

    /** As if the server died: closes the exit pipe only (slirp4netns then exits by itself); for tests. */
    void closeExitPipe() throws IOException {
        slirp.getOutputStream().close();
    }

    private static void stop(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // it is killed below anyway
        }
        p.destroyForcibly();
    }

    /** Runs until slirp4netns ends; if the sandbox was not released by then, stops the sandbox. */
    private void watch(Process p, ProcessHandle sandbox) {
        String said = tail(p.getErrorStream());
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            return;
        }
        if (released.get() || !sandbox.isAlive()) return;
        System.err.println("hearth: slirp4netns of " + sandboxId + " ended (exit " + code + ") while the sandbox "
                + "ran; stopping the sandbox, which has no network now. slirp4netns said: " + said.strip());
        sandbox.descendants().forEach(ProcessHandle::destroyForcibly);
        sandbox.destroyForcibly();
    }

    /** Everything {@code in} says until its end, only the last {@link #LOG_TAIL_BYTES} kept. */
    private static String tail(InputStream in) {
        var kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                kept.write(buffer, 0, n);
                if (kept.size() > 2 * LOG_TAIL_BYTES) {
                    byte[] all = kept.toByteArray();
                    kept.reset();
                    kept.write(all, all.length - LOG_TAIL_BYTES, LOG_TAIL_BYTES);
                }
            }
        } catch (IOException e) {
            // the pipe broke: what was read is all there is
        }
        byte[] all = kept.toByteArray();
        int from = Math.max(0, all.length - LOG_TAIL_BYTES);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        Process p = slirp;
        return "slirp4netns" + (p == null ? " (not attached)" : " pid " + p.pid()) + " for " + sandboxId;
    }
}
