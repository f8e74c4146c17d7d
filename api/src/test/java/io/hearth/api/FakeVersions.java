package io.hearth.api;

import io.hearth.model.AliasRecord;
import io.hearth.model.Arns;
import io.hearth.model.ControlCommand;
import io.hearth.model.ErrorCode;
import io.hearth.model.FunctionConfig;
import io.hearth.model.FunctionVersion;
import io.hearth.model.HearthException;
import io.hearth.model.Page;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The published versions and aliases of one function of {@link FakeControlPlane}, in memory and
 * behaving as the ControlPlane contract says: numbers count up from 1 and are never reused, a
 * publish of an unchanged {@code $LATEST} returns the last version, aliases are validated by
 * {@link AliasRecord}, unknown versions and aliases are 404, a duplicate alias or deleting a
 * version an alias uses is 409, a stale alias RevisionId is 412. Alias routing weights are stored
 * and shown, not applied. Not thread-safe: FakeControlPlane calls it under its own lock.
 */
final class FakeVersions {
    private final String function;
    private final Arns arns;
    private final Clock clock;
    private final NavigableMap<Long, FunctionVersion> published = new TreeMap<>();
    private final Map<Long, String> cutFrom = new HashMap<>();
    private final NavigableMap<String, AliasRecord> aliases = new TreeMap<>();
    private long lastNumber;

    FakeVersions(String function, Arns arns, Clock clock) {
        this.function = function;
        this.arns = arns;
        this.clock = clock;
    }

    /** The version a qualifier names: {@code $LATEST}, a published number, or an alias's version. */
    FunctionVersion resolve(String qualifier, FunctionVersion latest) {
        if (qualifier.equals(FunctionVersion.LATEST)) return latest;
        if (isNumber(qualifier)) {
            FunctionVersion v = published.get(Long.parseLong(qualifier));
            if (v == null) throw functionNotFound(qualifier);
            return v;
        }
        AliasRecord alias = aliases.get(qualifier);
        if (alias == null) throw functionNotFound(qualifier);
        return resolve(alias.functionVersion(), latest);
    }

    FunctionVersion publish(FunctionVersion latest, String description) {
        if (!published.isEmpty() && latest.revisionId().equals(cutFrom.get(published.lastKey()))) {
            return published.lastEntry().getValue();
        }
        FunctionConfig c = latest.config();
        FunctionConfig config = new FunctionConfig(c.runtime(), c.handler(), c.timeoutSeconds(), c.memoryMb(),
                c.environment(), description == null ? c.description() : description, c.role());
        long number = ++lastNumber;
        FunctionVersion v = new FunctionVersion(function, Long.toString(number), config, latest.code(),
                UUID.randomUUID().toString(), clock.instant());
        published.put(number, v);
        cutFrom.put(number, latest.revisionId());
        return v;
    }

    Page<FunctionVersion> list(FunctionVersion latest, String marker, int maxItems) {
        List<FunctionVersion> all = new ArrayList<>();
        if (marker == null) {
            all.add(latest);
            all.addAll(published.values());
        } else if (marker.equals(FunctionVersion.LATEST)) {
            all.addAll(published.values());
        } else if (isNumber(marker)) {
            all.addAll(published.tailMap(Long.parseLong(marker), false).values());
        } else {
            throw HearthException.invalid("Invalid marker: " + marker);
        }
        return page(all, maxItems, FunctionVersion::version);
    }

    void deleteVersion(String number) {
        long n = Long.parseLong(number);
        if (!published.containsKey(n)) throw functionNotFound(number);
        List<String> users = aliases.values().stream()
                .filter(a -> a.functionVersion().equals(number) || a.additionalVersionWeights().containsKey(number))
                .map(AliasRecord::name).toList();
        if (!users.isEmpty()) {
            throw HearthException.conflict("Unable to delete version because the following aliases reference it: "
                    + users);
        }
        published.remove(n);
        cutFrom.remove(n);
    }

    AliasRecord createAlias(ControlCommand.CreateAlias cmd) {
        AliasRecord alias = new AliasRecord(function, cmd.aliasName(), cmd.functionVersion(), cmd.description(),
                cmd.additionalVersionWeights(), UUID.randomUUID().toString());
        if (aliases.containsKey(alias.name())) {
            throw HearthException.conflict("Alias already exists: " + arns.function(function, alias.name()));
        }
        requireVersions(alias);
        aliases.put(alias.name(), alias);
        return alias;
    }

    AliasRecord getAlias(String name) {
        AliasRecord alias = aliases.get(name);
        if (alias == null) throw HearthException.notFound("Alias not found: " + arns.function(function, name));
        return alias;
    }

    Page<AliasRecord> listAliases(String functionVersion, String marker, int maxItems) {
        var tail = marker == null ? aliases : aliases.tailMap(marker, false);
        List<AliasRecord> matching = tail.values().stream()
                .filter(a -> functionVersion == null || a.functionVersion().equals(functionVersion)).toList();
        return page(matching, maxItems, AliasRecord::name);
    }

    AliasRecord updateAlias(ControlCommand.UpdateAlias cmd) {
        AliasRecord old = getAlias(cmd.aliasName());
        if (cmd.expectedRevisionId() != null && !cmd.expectedRevisionId().equals(old.revisionId())) {
            throw FakeControlPlane.staleRevision();
        }
        AliasRecord updated = new AliasRecord(function, old.name(),
                cmd.functionVersion() == null ? old.functionVersion() : cmd.functionVersion(),
                cmd.description() == null ? old.description() : cmd.description(),
                cmd.additionalVersionWeights() == null
                        ? old.additionalVersionWeights() : cmd.additionalVersionWeights(),
                UUID.randomUUID().toString());
        requireVersions(updated);
        aliases.put(updated.name(), updated);
        return updated;
    }

    void deleteAlias(String name) {
        getAlias(name);
        aliases.remove(name);
    }

    /** One page of {@code items}, the marker of the next being the key of the last item shown. */
    static <T> Page<T> page(Iterable<T> items, int maxItems, Function<T, String> key) {
        List<T> shown = new ArrayList<>();
        for (T item : items) {
            if (shown.size() == maxItems) return new Page<>(shown, key.apply(shown.getLast()));
            shown.add(item);
        }
        return new Page<>(shown, null);
    }

    private void requireVersions(AliasRecord alias) {
        if (!alias.functionVersion().equals(FunctionVersion.LATEST)) {
            resolve(alias.functionVersion(), null);
        }
        alias.additionalVersionWeights().keySet().forEach(v -> resolve(v, null));
    }

    private HearthException functionNotFound(String qualifier) {
        return new HearthException(ErrorCode.RESOURCE_NOT_FOUND,
                "Function not found: " + arns.function(function, qualifier));
    }

    private static boolean isNumber(String s) {
        return s.matches("[0-9]{1,18}");
    }
}
