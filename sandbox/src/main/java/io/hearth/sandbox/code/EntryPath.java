package io.hearth.sandbox.code;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an entry name into a relative path inside the package, or refuses it. Refused: absolute names,
 * drive letters, backslashes (a Windows separator that Linux would keep in a file name), NUL, any
 * {@code ..} segment (zip slip) and segments longer than a Linux file name may be. Empty and {@code .}
 * segments are dropped, so {@code ./a//b/} becomes {@code a/b}; the package root itself is {@code ""}.
 */
final class EntryPath {
    private static final int MAX_SEGMENT_BYTES = 255;
    private static final int MAX_PATH_BYTES = 4095;

    private EntryPath() {}

    static String normalize(String name) {
        if (name.isEmpty()) throw Refusals.entry(name, "the name is empty");
        if (name.indexOf('\0') >= 0) throw Refusals.entry(name, "NUL characters are not allowed in names");
        if (name.indexOf('\\') >= 0) throw Refusals.entry(name, "backslashes are not allowed in names");
        if (name.startsWith("/")) throw Refusals.entry(name, "absolute paths are not allowed");
        if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
            throw Refusals.entry(name, "drive letters are not allowed");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw Refusals.entry(name, "the name is longer than " + MAX_PATH_BYTES + " bytes");
        }
        List<String> segments = segments(name);
        for (String segment : segments) {
            if (segment.equals("..")) throw Refusals.entry(name, "'..' path segments are not allowed");
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw Refusals.entry(name, "a path segment is longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
        }
        return String.join("/", segments);
    }

    /** The non-empty, non-{@code .} segments of a slash-separated path. */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(start, end);
            if (!segment.isEmpty() && !segment.equals(".")) out.add(segment);
            start = end + 1;
        }
        return out;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
