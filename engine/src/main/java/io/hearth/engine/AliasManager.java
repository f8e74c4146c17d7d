package io.hearth.engine;

import io.hearth.model.AliasRecord;
import io.hearth.model.Arns;
import io.hearth.model.ControlCommand;
import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionRef;
import io.hearth.model.HearthException;
import io.hearth.model.Page;
import io.hearth.store.AliasStore;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Aliases of the control plane: every version an alias names must exist; updates are
 * compare-and-set on the alias's RevisionId; the registry learns each committed change. An update
 * that moves traffic is bracketed by the {@link SnapshotSwitch} (prepared before the registry
 * learns it, committed or abandoned after), so warm traffic is handed over. Shares the control
 * plane's mutation lock.
 */
final class AliasManager {
    private final AliasStore store;
    private final FunctionRegistry registry;
    private final Arns arns;
    private final ReentrantLock mutations;
    private final Consumer<String> requireFunction;
    private final SnapshotSwitch switchOver;
    /** Sandboxes provisioned concurrency keeps for an alias (function, alias), 0 if none. */
    private final java.util.function.ToIntBiFunction<String, String> provisioned;

    AliasManager(AliasStore store, FunctionRegistry registry, Arns arns, ReentrantLock mutations,
                 Consumer<String> requireFunction, SnapshotSwitch switchOver,
                 java.util.function.ToIntBiFunction<String, String> provisioned) {
        this.switchOver = switchOver;
        this.provisioned = provisioned;
        this.store = store;
        this.registry = registry;
        this.arns = arns;
        this.mutations = mutations;
        this.requireFunction = requireFunction;
    }

    AliasRecord create(ControlCommand.CreateAlias cmd) {
        mutations.lock();
        try {
            requireFunction.accept(cmd.functionName());
            var alias = new AliasRecord(cmd.functionName(), cmd.aliasName(), cmd.functionVersion(), cmd.description(),
                    cmd.additionalVersionWeights(), UUID.randomUUID().toString());
            requireVersions(alias);
            store.create(alias);
            registry.putAlias(alias);
            return alias;
        } finally {
            mutations.unlock();
        }
    }

    AliasRecord get(String functionName, String aliasName) {
        requireFunction.accept(functionName);
        return store.get(functionName, aliasName).orElseThrow(() -> aliasNotFound(functionName, aliasName));
    }

    Page<AliasRecord> list(String functionName, String functionVersion, String marker, int maxItems) {
        requireFunction.accept(functionName);
        List<AliasRecord> all = store.list(functionName).stream()
                .filter(a -> functionVersion == null || a.functionVersion().equals(functionVersion)
                        || a.additionalVersionWeights().containsKey(functionVersion))
                .filter(a -> marker == null || marker.isEmpty() || a.name().compareTo(marker) > 0)
                .toList();
        if (all.size() <= maxItems) return new Page<>(all, null);
        List<AliasRecord> page = List.copyOf(all.subList(0, maxItems));
        return new Page<>(page, page.getLast().name());
    }

    AliasRecord update(ControlCommand.UpdateAlias cmd) {
        mutations.lock();
        try {
            AliasRecord current = get(cmd.functionName(), cmd.aliasName());
            if (cmd.expectedRevisionId() != null && !cmd.expectedRevisionId().equals(current.revisionId())) {
                throw new HearthException(ErrorCode.PRECONDITION_FAILED, "The Revision Id provided does not match the "
                        + "latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
            }
            var next = new AliasRecord(current.functionName(), current.name(),
                    cmd.functionVersion() != null ? cmd.functionVersion() : current.functionVersion(),
                    cmd.description() != null ? cmd.description() : current.description(),
                    cmd.additionalVersionWeights() != null ? cmd.additionalVersionWeights()
                            : current.additionalVersionWeights(),
                    UUID.randomUUID().toString());
            requireVersions(next);
            AliasMove move = AliasMove.of(current, next, label -> registry.named(
                    new FunctionRef(current.functionName(), java.util.Optional.of(label))),
                    provisioned.applyAsInt(current.functionName(), current.name()));
            switchOver.preparing(move);   // before the registry routes a single request to the new versions
            try {
                if (!store.replace(next, current.revisionId())) {
                    throw HearthException.conflict("The operation cannot be performed at this time. An update is in "
                            + "progress for resource: " + arns.function(cmd.functionName(), cmd.aliasName()));
                }
                registry.putAlias(next);
            } catch (RuntimeException e) {
                switchOver.abandoned(move);
                throw e;
            }
            switchOver.committed(move);   // only starts sandboxes in the background
            return next;
        } finally {
            mutations.unlock();
        }
    }

    void delete(ControlCommand.DeleteAlias cmd) {
        mutations.lock();
        try {
            requireFunction.accept(cmd.functionName());
            if (!store.delete(cmd.functionName(), cmd.aliasName())) {
                throw aliasNotFound(cmd.functionName(), cmd.aliasName());
            }
            registry.removeAlias(cmd.functionName(), cmd.aliasName());
        } finally {
            mutations.unlock();
        }
    }

    /** Every version an alias names must exist (published, or $LATEST as primary). */
    private void requireVersions(AliasRecord a) {
        registry.named(new FunctionRef(a.functionName(), java.util.Optional.of(a.functionVersion())));
        for (String v : a.additionalVersionWeights().keySet()) {
            registry.named(new FunctionRef(a.functionName(), java.util.Optional.of(v)));
        }
    }

    private HearthException aliasNotFound(String functionName, String alias) {
        return HearthException.notFound("Alias not found: " + arns.function(functionName, alias));
    }

}
