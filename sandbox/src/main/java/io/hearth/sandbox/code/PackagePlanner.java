package io.hearth.sandbox.code;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an archive's entries as a file tree before any file data is read: names ({@link EntryPath}),
 * duplicates and file/directory clashes ({@link PackageTree}), entry types, compression methods, the sum
 * of declared sizes, and symbolic links (targets read, then resolved by {@link SymlinkResolver}).
 * Declared sizes are only a first bound: {@link EntryReader} refuses any entry that inflates past its
 * declared size, so what is written never exceeds what was checked here.
 */
final class PackagePlanner {
    private static final int MAX_LINK_TARGET = 4095;
    private static final String BOOTSTRAP = "bootstrap";

    private PackagePlanner() {}

    static PackagePlan plan(ZipArchive archive, ZipLimits limits, EntryReader reader) {
        PackageTree tree = new PackageTree();
        List<PackagePlan.PlannedFile> files = new ArrayList<>();
        Map<String, CentralEntry> links = new LinkedHashMap<>();
        long declared = 0;
        for (CentralEntry entry : archive.entries()) {
            String path = EntryPath.normalize(entry.name());
            if (entry.directory()) {
                if (!path.isEmpty()) tree.add(path, PackageTree.Kind.DIRECTORY, entry.name());
                continue;
            }
            checkReadable(entry, path);
            declared += entry.size();
            if (entry.size() > limits.maxUnzippedBytes() || declared > limits.maxUnzippedBytes()) {
                throw Refusals.unzippedTooLarge(limits.maxUnzippedBytes());
            }
            if (entry.symlink()) {
                tree.add(path, PackageTree.Kind.SYMLINK, entry.name());
                links.put(path, entry);
            } else {
                tree.add(path, PackageTree.Kind.FILE, entry.name());
                files.add(new PackagePlan.PlannedFile(path, entry));
            }
        }
        Map<String, String> targets = new LinkedHashMap<>();
        links.forEach((path, entry) -> targets.put(path, linkTarget(reader, entry)));
        SymlinkResolver resolver = new SymlinkResolver(targets);
        links.forEach((path, entry) -> resolver.resolve(path, entry.name()));
        return new PackagePlan(tree.directories(), files, targets, executableBootstrap(tree, resolver, files));
    }

    private static void checkReadable(CentralEntry entry, String path) {
        if (path.isEmpty()) throw Refusals.entry(entry.name(), "the name designates no file");
        if (entry.special()) throw Refusals.entry(entry.name(), "devices, FIFOs and sockets are not allowed");
        if (entry.encrypted()) throw Refusals.entry(entry.name(), "encrypted entries are not supported");
        if (entry.method() != CentralEntry.STORED && entry.method() != CentralEntry.DEFLATED) {
            throw Refusals.entry(entry.name(), "compression method " + entry.method()
                    + " is not supported (use deflate or store)");
        }
    }

    private static String linkTarget(EntryReader reader, CentralEntry entry) {
        if (entry.size() > MAX_LINK_TARGET) throw Refusals.entry(entry.name(), "the symbolic link target is too long");
        String target = CentralEntry.utf8(reader.readAll(entry));
        if (target == null) throw Refusals.entry(entry.name(), "the symbolic link target is not valid UTF-8");
        if (target.isEmpty()) throw Refusals.entry(entry.name(), "the symbolic link target is empty");
        if (target.indexOf('\0') >= 0) throw Refusals.entry(entry.name(), "the symbolic link target contains NUL");
        if (target.startsWith("/")) {
            throw Refusals.entry(entry.name(), "symbolic link target '" + target + "' resolves outside the package");
        }
        return target;
    }

    private static boolean executableBootstrap(PackageTree tree, SymlinkResolver resolver,
                                               List<PackagePlan.PlannedFile> files) {
        PackageTree.Kind kind = tree.kind(BOOTSTRAP);
        if (kind != PackageTree.Kind.FILE && kind != PackageTree.Kind.SYMLINK) return false;
        String path = resolver.resolve(BOOTSTRAP, BOOTSTRAP);
        return files.stream().anyMatch(file -> file.path().equals(path) && file.entry().executable());
    }
}
