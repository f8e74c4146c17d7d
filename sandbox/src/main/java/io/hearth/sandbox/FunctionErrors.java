package io.hearth.sandbox;

import io.hearth.model.JsonText;
import io.hearth.model.Outcome;
import io.hearth.model.PlatformErrorType;
import java.nio.charset.StandardCharsets;

/** Error outcomes the platform reports on a function's behalf, in the runtime's error JSON shape. */
final class FunctionErrors {
    private FunctionErrors() {}

    static Outcome.FunctionError of(PlatformErrorType type, String message, boolean sandboxLost) {
        return new Outcome.FunctionError(type.type(), JsonText.errorBody(type.type(), message)
                .getBytes(StandardCharsets.UTF_8), sandboxLost);
    }
}
