package io.hearth.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every client command shares: the endpoint option, a client for the call's duration, and
 * the translation of a {@link ClientFailure} into {@code error: ...} on stderr and its exit code.
 * Failures are handled here rather than by a handler on the CommandLine, so the commands behave
 * the same inside any CommandLine (the server builds its own around {@link HearthCommand}).
 */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    EndpointOption endpoint;

    @Spec
    CommandSpec spec;

    /** Does the command's work; returns its exit code. */
    abstract int run(HearthClient client) throws ClientFailure;

    @Override
    public final Integer call() {
        try {
            URI uri = endpoint.resolve(hearth().environment());
            var transport = new HttpTransport(uri, "hearth-cli/" + VersionProvider.version());
            try (HearthClient client = new HearthClient(transport)) {
                return run(client);
            }
        } catch (ClientFailure failure) {
            err().println("error: " + failure.getMessage());
            return failure.exitCode();
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** The {@code hearth} command this runs under, however deep ({@code hearth kv get}): its stdin and environment. */
    HearthCommand hearth() {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.userObject() instanceof HearthCommand hearth) {
                return hearth;
            }
        }
        throw new IllegalStateException(spec.qualifiedName() + " does not run under the hearth command");
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
