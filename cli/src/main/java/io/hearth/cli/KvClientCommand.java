package io.hearth.cli;

import picocli.CommandLine.ArgGroup;

/** A {@code hearth kv} command: a client command with exactly one of {@code --function} / {@code --namespace}. */
abstract class KvClientCommand extends ClientCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    KvNamespaceOption namespace;
}
