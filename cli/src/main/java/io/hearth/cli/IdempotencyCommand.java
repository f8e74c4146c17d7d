package io.hearth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code hearth idempotency}: a function's stored idempotent results ({@code hearth idempotency help ls}). */
@Command(name = "idempotency", description = "List or purge a function's idempotency records.",
        subcommands = {IdempotencyListCommand.class, IdempotencyPurgeCommand.class, HelpCommand.class})
final class IdempotencyCommand extends CommandGroup {}
