package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.cli.FakeLambdaApi.Reply;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class HearthCommandTest {

    /** What the server module adds: a subcommand of its own next to the client commands. */
    @Command(name = "server", description = "Run the Hearth server.")
    static final class ServerCommand implements Callable<Integer> {
        boolean ran;

        @Override
        public Integer call() {
            ran = true;
            return 0;
        }
    }

    @Test
    void withoutSubcommandPrintsUsageAndExitsTwo() {
        Cli.Result result = Cli.run();

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Usage: hearth").contains("deploy").contains("invoke").contains("ls")
                .contains("rm").contains("logs").contains("kv").contains("why").contains("idempotency")
                .contains("Exit codes:");
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("--help");
        Cli.Result deployHelp = Cli.run("help", "deploy");
        Cli.Result version = Cli.run("--version");
        Cli.Result kvPutHelp = Cli.run("kv", "help", "put");
        Cli.Result purgeHelp = Cli.run("idempotency", "help", "purge");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: hearth");
        assertThat(deployHelp.out()).contains("--runtime=R").contains("--env=K=V").contains("--endpoint=URL");
        assertThat(kvPutHelp.exit()).isZero();
        assertThat(kvPutHelp.out()).contains("Usage: hearth kv put").contains("(--function=F | --namespace=NS)")
                .contains("VALUE|-");
        assertThat(purgeHelp.out()).contains("Usage: hearth idempotency purge");
        assertThat(version.out()).matches("hearth \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Cli.Result result = Cli.run("deplyo");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument");
    }

    @Test
    void serverCanAddItsSubcommandAndClientCommandsStillWork() throws IOException {
        ServerCommand server = new ServerCommand();
        CommandLine commandLine = new CommandLine(new HearthCommand()).addSubcommand("server", server);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("server")).isZero();
        assertThat(server.ran).isTrue();
        try (FakeLambdaApi api = new FakeLambdaApi()) {
            api.reply(new Reply(204, java.util.Map.of(), ""));
            assertThat(commandLine.execute("rm", "hello", "--endpoint", api.endpoint())).isZero();
            assertThat(api.only().uri()).isEqualTo("/2015-03-31/functions/hello");
        }
        assertThat(out.toString()).isEqualTo("deleted hello\n");
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString()).contains("server").contains("Run the Hearth server.");
    }
}
