package io.hearth.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.util.URIUtil;

/**
 * A route path such as {@code /2015-03-31/functions/{name}/invocations}, pre-split into literal
 * and variable segments so that matching a request costs a few string comparisons and no regex.
 * Variable values are percent-decoded per segment (an ARN arrives as {@code arn%3Aaws%3A...}).
 */
final class PathTemplate {
    private final String text;
    private final String[] literals;   // null where the segment is a variable
    private final String[] variables;  // variable names in order of appearance
    private final int[] variableSegments;

    private PathTemplate(String text, String[] literals, String[] variables, int[] variableSegments) {
        this.text = text;
        this.literals = literals;
        this.variables = variables;
        this.variableSegments = variableSegments;
    }

    static PathTemplate of(String template) {
        String[] segments = split(template);
        if (segments == null) throw new IllegalArgumentException("template must start with '/': " + template);
        String[] literals = new String[segments.length];
        List<String> names = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{") && s.endsWith("}")) {
                names.add(s.substring(1, s.length() - 1));
                positions.add(i);
            } else {
                literals[i] = s;
            }
        }
        return new PathTemplate(template, literals, names.toArray(String[]::new),
                positions.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Splits a raw (still percent-encoded) path into its segments, ignoring one trailing slash;
     * null when the path does not start with {@code /}.
     */
    static String[] split(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') return null;
        int end = rawPath.length();
        if (end > 1 && rawPath.charAt(end - 1) == '/') end--;
        int count = 1;
        for (int i = 1; i < end; i++) {
            if (rawPath.charAt(i) == '/') count++;
        }
        String[] out = new String[count];
        int start = 1;
        for (int n = 0; n < count; n++) {
            int slash = rawPath.indexOf('/', start);
            int stop = slash < 0 || slash > end ? end : slash;
            out[n] = rawPath.substring(start, stop);
            start = stop + 1;
        }
        return out;
    }

    /** True when the segments have this template's shape; variables match any non-empty segment. */
    boolean matches(String[] segments) {
        if (segments.length != literals.length) return false;
        for (int i = 0; i < segments.length; i++) {
            String literal = literals[i];
            if (literal == null ? segments[i].isEmpty() : !literal.equals(segments[i])) return false;
        }
        return true;
    }

    /** The decoded variable values of matching segments, in template order. */
    String[] values(String[] segments) {
        String[] out = new String[variableSegments.length];
        for (int i = 0; i < out.length; i++) {
            String raw = segments[variableSegments[i]];
            out[i] = raw.indexOf('%') < 0 ? raw : URIUtil.decodePath(raw);
        }
        return out;
    }

    /** Position of a variable in {@link #values}. */
    int indexOf(String variable) {
        int i = Arrays.asList(variables).indexOf(variable);
        if (i < 0) throw new IllegalArgumentException("no {" + variable + "} in " + text);
        return i;
    }

    @Override
    public String toString() {
        return text;
    }
}
