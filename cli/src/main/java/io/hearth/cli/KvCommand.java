package io.hearth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code hearth kv}: the key-value store through the Hearth API ({@code /hearth/v1/kv});
 * {@code hearth kv help get} shows one command's usage.
 */
@Command(name = "kv", description = "Read and write Hearth's key-value store.",
        subcommands = {KvGetCommand.class, KvPutCommand.class, KvRemoveCommand.class, KvListCommand.class,
            HelpCommand.class})
final class KvCommand extends CommandGroup {}
