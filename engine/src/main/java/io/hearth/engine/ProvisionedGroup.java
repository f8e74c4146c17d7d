package io.hearth.engine;

import io.hearth.engine.ProvisionedConfig.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The live state of one provisioned-concurrency configuration: the sandboxes held for it (initialised, kept warm
 * for as long as it exists), the launches under way, and its status. Pure bookkeeping over sandbox handles
 * {@code S}; {@link ProvisionedConcurrency} does the launching and stopping and calls this under its lock.
 *
 * <p>Status: IN_PROGRESS until {@code requested} sandboxes are held, then READY; a launch that fails (the
 * function's init failed, the runtime did not come up) makes it FAILED, and a FAILED group launches nothing more
 * until it is put again. A sandbox that dies is dropped ({@link #prune}) and replaced; the group stays READY
 * meanwhile, its allocated count dipping, as Lambda's does. Each launch carries the group's generation: one that
 * lands after a retarget (or after the configuration went) is stale, and one that lands when enough are held is
 * not needed; either way its sandbox is stopped.
 */
final class ProvisionedGroup<S> {
    /** A launch under way, for the generation it was made for. */
    record Launch(long generation) {}

    private final String functionName;
    private final String qualifier;
    private int requested;
    private Instant lastModified;
    private String targetKey;
    private final List<S> held = new ArrayList<>();
    private int starting;
    private long generation;
    private Status status = Status.IN_PROGRESS;
    private String reason;

    /** A new configuration keeping {@code requested} sandboxes of the snapshot {@code targetKey} warm. */
    ProvisionedGroup(String functionName, String qualifier, int requested, Instant lastModified, String targetKey) {
        this.functionName = functionName;
        this.qualifier = qualifier;
        this.requested = requested;
        this.lastModified = lastModified;
        this.targetKey = targetKey;
    }

    String functionName() {
        return functionName;
    }

    String qualifier() {
        return qualifier;
    }

    int requested() {
        return requested;
    }

    /** The sandbox key of the snapshot this configuration keeps warm. */
    String targetKey() {
        return targetKey;
    }

    Status status() {
        return status;
    }

    /**
     * A new put: the amount (and time) change, a FAILED group tries again. Returns the held sandboxes beyond the
     * new amount, no longer held (the caller stops them).
     */
    List<S> resize(int newRequested, Instant when) {
        requested = newRequested;
        lastModified = when;
        reason = null;   // launches under way stay useful; one that lands beyond the amount is refused
        List<S> surplus = new ArrayList<>();
        while (held.size() > requested) surplus.add(held.removeLast());
        status = held.size() == requested ? Status.READY : Status.IN_PROGRESS;
        return surplus;
    }

    /**
     * The configuration now names another snapshot (its alias moved): everything held is released (returned for
     * the caller to stop) and allocation starts over for {@code newTargetKey}.
     */
    List<S> retarget(String newTargetKey) {
        targetKey = newTargetKey;
        generation++;
        starting = 0;
        reason = null;
        status = Status.IN_PROGRESS;
        List<S> released = List.copyOf(held);
        held.clear();
        return released;
    }

    /** How many launches to start now: what is missing, none while FAILED. */
    int missing() {
        if (status == Status.FAILED) return 0;
        return Math.max(0, requested - held.size() - starting);
    }

    /** Records a launch about to start. */
    Launch launching() {
        starting++;
        return new Launch(generation);
    }

    /**
     * A launched sandbox is initialised: true when the group holds it now; false when the launch is stale or no
     * longer needed (the caller stops it).
     */
    boolean landed(Launch launch, S sandbox) {
        if (launch.generation() != generation) return false;
        starting--;
        if (held.size() >= requested) return false;
        held.add(sandbox);
        if (held.size() == requested && status == Status.IN_PROGRESS) status = Status.READY;
        return true;
    }

    /** A launch failed: the group is FAILED with {@code why} (a stale launch changes nothing). */
    void failed(Launch launch, String why) {
        if (launch.generation() != generation) return;
        starting--;
        status = Status.FAILED;
        reason = why;
    }

    /** Drops the held sandboxes that are no longer {@code alive}; returns how many. */
    int prune(Predicate<S> alive) {
        int before = held.size();
        held.removeIf(alive.negate());
        return before - held.size();
    }

    boolean holds(S sandbox) {
        return held.contains(sandbox);
    }

    /** Everything held, released (the configuration is going). */
    List<S> release() {
        generation++;
        starting = 0;
        List<S> released = List.copyOf(held);
        held.clear();
        return released;
    }

    int held() {
        return held.size();
    }

    int starting() {
        return starting;
    }

    /** The configuration as the API shows it; {@code available} counts the held sandboxes that pass {@code alive}. */
    ProvisionedConfig view(Predicate<S> alive) {
        int available = (int) held.stream().filter(alive).count();
        return new ProvisionedConfig(functionName, qualifier, requested, held.size(), available, status, reason,
                lastModified);
    }
}
