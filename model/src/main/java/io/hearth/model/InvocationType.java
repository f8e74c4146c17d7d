package io.hearth.model;

import java.util.Arrays;

/** {@code X-Amz-Invocation-Type}. */
public enum InvocationType {
    REQUEST_RESPONSE("RequestResponse"),
    EVENT("Event"),
    DRY_RUN("DryRun");

    private final String wire;

    InvocationType(String wire) {
        this.wire = wire;
    }

    public String wire() { return wire; }

    /** Parses the header value; absent means RequestResponse. */
    public static InvocationType fromHeader(String value) {
        if (value == null || value.isEmpty()) return REQUEST_RESPONSE;
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst()
                .orElseThrow(() -> HearthException.invalid("1 validation error detected: Value '" + value
                        + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [Event, RequestResponse, DryRun]"));
    }
}
