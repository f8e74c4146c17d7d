package io.hearth.sandbox.code;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Resolves symbolic links within the package tree, without a file system, the way the kernel will once
 * the tree is on disk: segment by segment, each link met replaced by its target relative to the link's
 * directory, {@code ..} taking the real parent of where the walk is. A purely textual check would be
 * fooled by {@code p -> .} plus {@code q -> p/../etc}, which textually stays inside but really leaves.
 * A walk that climbs above the package root, or meets more than 40 links (the kernel's limit), is refused.
 * Targets that do not exist inside the package are allowed: the tree is read-only, so they stay dangling.
 */
final class SymlinkResolver {
    private static final int MAX_LINKS = 40;

    private final Map<String, String> targets;

    /** @param targets link path to its (relative) target, for every link in the package */
    SymlinkResolver(Map<String, String> targets) {
        this.targets = targets;
    }

    /** The package path {@code path} finally designates; {@code ""} is the package root. */
    String resolve(String path, String name) {
        Deque<String> at = new ArrayDeque<>();
        Deque<String> pending = new ArrayDeque<>(EntryPath.segments(path));
        int links = 0;
        while (!pending.isEmpty()) {
            String segment = pending.pollFirst();
            if (segment.equals("..")) {
                if (at.isEmpty()) {
                    throw Refusals.entry(name, "symbolic link target '" + targets.get(path) + "' resolves outside the package");
                }
                at.removeLast();
                continue;
            }
            at.addLast(segment);
            String target = targets.get(String.join("/", at));
            if (target != null) {
                if (++links > MAX_LINKS) throw Refusals.entry(name, "too many levels of symbolic links");
                at.removeLast();
                List<String> replacement = EntryPath.segments(target);
                for (int i = replacement.size() - 1; i >= 0; i--) pending.addFirst(replacement.get(i));
            }
        }
        return String.join("/", at);
    }
}
