package io.hearth.api;

import io.hearth.model.HearthException;
import io.hearth.model.KvNamespaces;

/**
 * The {@code {namespace}} of a key-value route: a full namespace id, {@code function:NAME} (NAME a
 * valid function name) or {@code shared:NAME} (as {@link KvNamespaces} names them). Anything else
 * is a 400 InvalidParameterValueException.
 */
final class KvNamespaceParam {
    static final String FUNCTION = "function:";
    static final String SHARED = "shared:";

    private KvNamespaceParam() {}

    /** The validated namespace id. */
    static String parse(String raw) {
        if (raw.startsWith(FUNCTION)) return KvNamespaces.ofFunction(raw.substring(FUNCTION.length()));
        if (raw.startsWith(SHARED)) return KvNamespaces.shared(raw.substring(SHARED.length()));
        throw HearthException.invalid("Namespace '" + raw + "' must be function:FUNCTION_NAME or shared:NAME");
    }
}
