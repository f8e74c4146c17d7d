package io.hearth.sandbox.code;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;

/**
 * The refusals a deployment package can meet, each an {@link ErrorCode#INVALID_PARAMETER_VALUE} with a
 * Lambda-style message. Entry names are quoted with control characters escaped and long names cut.
 */
final class Refusals {
    /** Lambda's message for an archive that cannot be read; a detail in parentheses follows it. */
    static final String CORRUPT = "Could not unzip uploaded file. Please check your file, then try to upload again.";
    private static final int NAME_SHOWN = 200;

    private Refusals() {}

    static HearthException corrupt(String detail) {
        return invalid(CORRUPT + " (" + detail + ")");
    }

    static HearthException zippedTooLarge(long limit) {
        return invalid("Zipped size must be smaller than " + limit + " bytes");
    }

    static HearthException unzippedTooLarge(long limit) {
        return invalid("Unzipped size must be smaller than " + limit + " bytes");
    }

    static HearthException tooManyEntries(int limit) {
        return invalid("Deployment package must not contain more than " + limit + " entries");
    }

    /** An entry that is readable but not allowed in a package, e.g. because of its name. */
    static HearthException entry(String name, String reason) {
        return invalid("Deployment package entry " + quote(name) + " refused: " + reason);
    }

    /** An entry whose bytes are damaged or inconsistent with its headers. */
    static HearthException corruptEntry(String name, String detail) {
        return corrupt("entry " + quote(name) + ": " + detail);
    }

    static String quote(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), NAME_SHOWN) + 8).append('\'');
        for (int i = 0; i < name.length() && i < NAME_SHOWN; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", (int) c));
            else out.append(c);
        }
        if (name.length() > NAME_SHOWN) out.append("...");
        return out.append('\'').toString();
    }

    private static HearthException invalid(String message) {
        return new HearthException(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }
}
