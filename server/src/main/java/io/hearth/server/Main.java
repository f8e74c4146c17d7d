package io.hearth.server;

import io.hearth.cli.HearthCommand;
import picocli.CommandLine;

/** {@code hearth}: the client commands plus {@code server}, in one binary. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        var cli = new CommandLine(new HearthCommand()).addSubcommand("server", new ServerCommand());
        System.exit(cli.execute(args));
    }
}
