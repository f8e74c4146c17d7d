package io.hearth.sandbox.code;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file tree an archive describes, path by path, with directories implied by deeper entries.
 * Refuses duplicate entries (after normalization, so {@code a} and {@code ./a} collide), a path that is
 * both a file and a directory, and entries below a symbolic link (writing them would follow the link).
 */
final class PackageTree {
    enum Kind { FILE, SYMLINK, DIRECTORY, IMPLIED_DIRECTORY }

    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    /** Adds the entry {@code name}, normalized to {@code path}, and the directories above it. */
    void add(String path, Kind kind, String name) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            Kind existing = kinds.putIfAbsent(parent, Kind.IMPLIED_DIRECTORY);
            if (existing == Kind.FILE) throw Refusals.entry(name, "'" + parent + "' is a file, not a directory");
            if (existing == Kind.SYMLINK) throw insideLink(name, parent);
        }
        Kind existing = kinds.get(path);
        if (existing == null || (existing == Kind.IMPLIED_DIRECTORY && kind == Kind.DIRECTORY)) {
            kinds.put(path, kind);
        } else if (existing == Kind.IMPLIED_DIRECTORY && kind == Kind.SYMLINK) {
            throw insideLink(firstBelow(path), path);
        } else if (existing == Kind.IMPLIED_DIRECTORY) {
            throw Refusals.entry(name, "it is both a file and a directory");
        } else {
            throw Refusals.entry(name, "duplicate entry name");
        }
    }

    Kind kind(String path) {
        return path.isEmpty() ? Kind.DIRECTORY : kinds.get(path);
    }

    /** Every directory, explicit or implied, each after its parent. */
    List<String> directories() {
        List<String> out = new ArrayList<>();
        kinds.forEach((path, kind) -> {
            if (kind == Kind.DIRECTORY || kind == Kind.IMPLIED_DIRECTORY) out.add(path);
        });
        return out;
    }

    private String firstBelow(String directory) {
        String prefix = directory + "/";
        return kinds.keySet().stream().filter(p -> p.startsWith(prefix)).findFirst().orElse(prefix);
    }

    private static RuntimeException insideLink(String name, String link) {
        return Refusals.entry(name, "it lies below the symbolic link '" + link + "'");
    }
}
