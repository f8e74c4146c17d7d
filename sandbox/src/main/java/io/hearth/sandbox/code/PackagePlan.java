package io.hearth.sandbox.code;

import java.util.List;
import java.util.Map;

/**
 * A deployment package that passed every check that needs no file data: what to create, in order.
 *
 * @param directories            every directory, explicit or implied, each after its parent
 * @param files                  regular files with the entry holding their data
 * @param symlinks               link path to its checked, in-package relative target
 * @param executableBootstrap    whether {@code bootstrap} (after links) is an executable file
 */
record PackagePlan(List<String> directories, List<PlannedFile> files, Map<String, String> symlinks,
                   boolean executableBootstrap) {

    /** A regular file to write at {@code path} (relative, normalized) from {@code entry}. */
    record PlannedFile(String path, CentralEntry entry) {}
}
