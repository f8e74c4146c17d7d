package io.hearth.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the CLI in-process with captured streams. */
final class Cli {

    /** What one run printed and returned. */
    record Result(int exit, String out, String err) {}

    private Cli() {}

    static Result run(String... args) {
        return run("", Map.of(), args);
    }

    static Result run(String stdin, Map<String, String> environment, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), environment, args);
    }

    static Result run(byte[] stdin, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HearthCommand.run(new ByteArrayInputStream(stdin),
                new PrintWriter(out), new PrintWriter(err), environment, args);
        return new Result(exit, out.toString(), err.toString());
    }
}
