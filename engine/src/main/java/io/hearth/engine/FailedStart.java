package io.hearth.engine;

import io.hearth.model.JsonText;
import io.hearth.model.Outcome;
import io.hearth.sandbox.SandboxStartException;
import java.nio.charset.StandardCharsets;

/** The outcome of an invocation whose runtime could not even start (e.g. no bootstrap). */
final class FailedStart {
    private FailedStart() {}

    static Outcome outcome(SandboxStartException e) {
        return new Outcome.FunctionError(e.type().type(), JsonText.errorBody(e.type().type(), e.getMessage())
                .getBytes(StandardCharsets.UTF_8), true);
    }
}
