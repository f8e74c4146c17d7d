package io.hearth.runtime.java;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * JSON text that cannot be read, or read into the handler's type, or a value that cannot be
 * written. Messages follow Jackson's wording (what Lambda's serializer is built on) closely enough
 * to be recognised; a mapping problem names its reference chain, e.g.
 * {@code (through reference chain: example.Order["items"]->java.util.ArrayList[0])}.
 */
final class JsonException extends IOException {
    private final Deque<String> chain = new ArrayDeque<>();

    JsonException(String message) {
        super(message);
    }

    JsonException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Records that the problem lies under {@code segment} (an outer level adds itself in front). */
    JsonException under(String segment) {
        chain.addFirst(segment);
        return this;
    }

    @Override
    public String getMessage() {
        String m = super.getMessage();
        return chain.isEmpty() ? m : m + " (through reference chain: " + String.join("->", chain) + ")";
    }
}
