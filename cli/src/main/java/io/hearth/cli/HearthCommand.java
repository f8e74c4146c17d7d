package io.hearth.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code hearth} command with its client subcommands (deploy, invoke, ls, rm, logs, kv, why,
 * idempotency). The
 * server module builds the full command line as {@code new CommandLine(new HearthCommand())} and
 * adds its {@code server} subcommand; {@link #run(String...)} runs the client commands alone.
 * Without a subcommand it prints the usage and exits 2.
 */
@Command(name = "hearth", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Hearth: a self-hosted function service speaking the AWS Lambda API.",
        subcommands = {DeployCommand.class, InvokeCommand.class, ListCommand.class, RemoveCommand.class,
            LogsCommand.class, KvCommand.class, WhyCommand.class, IdempotencyCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the invoked function failed (X-Amz-Function-Error; its error is still printed), or kv get found no such key",
            "2:the server refused the request, or bad usage or input",
            "3:the server could not be reached"})
public final class HearthCommand implements Callable<Integer> {
    private final InputStream stdin;
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    /** Reads the process's stdin and environment. */
    public HearthCommand() {
        this(System.in, System.getenv());
    }

    HearthCommand(InputStream stdin, Map<String, String> environment) {
        this.stdin = stdin;
        this.environment = Map.copyOf(environment);
    }

    /** Runs the client commands with the process's streams; returns the exit code. */
    public static int run(String... args) {
        return new CommandLine(new HearthCommand()).execute(args);
    }

    /** Runs the client commands with the given streams and environment; returns the exit code. */
    static int run(InputStream stdin, PrintWriter out, PrintWriter err, Map<String, String> environment,
                   String... args) {
        CommandLine commandLine = new CommandLine(new HearthCommand(stdin, environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        int exit = commandLine.execute(args);
        out.flush();
        err.flush();
        return exit;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    InputStream stdin() {
        return stdin;
    }

    Map<String, String> environment() {
        return environment;
    }
}
