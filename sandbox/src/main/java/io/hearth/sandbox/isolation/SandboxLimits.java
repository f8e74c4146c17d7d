package io.hearth.sandbox.isolation;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The resource limits of one sandbox (its cgroup), from its launch until {@link #release()}.
 * Without isolation, or on a host without usable cgroups, there are none: {@link #NONE}.
 */
public interface SandboxLimits {
    /** No limits: nothing to read, nothing to release. */
    SandboxLimits NONE = new SandboxLimits() {
        @Override
        public void release() {}

        @Override
        public OptionalLong peakMemoryBytes() {
            return OptionalLong.empty();
        }

        @Override
        public boolean outOfMemory() {
            return false;
        }

        @Override
        public void resize(int memoryMb) {}

        @Override
        public String toString() {
            return "no limits";
        }
    };

    /**
     * Removes the limits once the sandbox's processes are gone: kills any that remain, then
     * deletes the cgroup, polling in the background until the kernel lets it go. Idempotent,
     * never blocks; call it when the sandbox's process has exited.
     */
    void release();

    /** The most memory the sandbox's processes used at once, when measured (the cgroup's peak). */
    OptionalLong peakMemoryBytes();

    /** Whether the kernel killed a process of the sandbox for exceeding its memory limit. */
    boolean outOfMemory();

    /**
     * Changes the memory limit of the running sandbox to {@code memoryMb}, and its CPU weight
     * with it (late binding: a generic sandbox started with a default size takes its function's
     * MemorySize). {@link #NONE} ignores it. Not for concurrent use: one caller resizes a sandbox.
     *
     * @throws IllegalArgumentException when {@code memoryMb} is not positive
     * @throws IllegalStateException when the sandbox has exited, another resize is in progress,
     *     or the kernel refuses: on cgroup v1 a cut below what the sandbox's processes use and
     *     cannot reclaim (the limits are then left as they were); on v2 the kernel instead kills
     *     a process of the sandbox, and this says so
     */
    void resize(int memoryMb);

    /**
     * The pids of the sandbox's processes, read from its cgroup ({@code cgroup.procs}: every
     * process of the sandbox joined it before it started), or empty when it has none or it cannot
     * be read. Costs one small read, where walking the process tree from its root reads the
     * status of every process on the host ({@link ProcessHandle#descendants()}: about 17 ms of
     * CPU with 700 processes on the host).
     */
    default Optional<List<Long>> members() {
        return Optional.empty();
    }

    /**
     * The pids of the sandbox whose outermost process is {@code root}, {@code root} first: the
     * {@link #members()} of its cgroup when it has one, else {@code root} and its descendants.
     */
    default List<Long> processes(ProcessHandle root) {
        var members = members();
        if (members.isEmpty()) return Stream.concat(Stream.of(root), root.descendants()).map(ProcessHandle::pid).toList();
        return Stream.concat(Stream.of(root.pid()), members.get().stream().filter(pid -> pid != root.pid())).toList();
    }
}
