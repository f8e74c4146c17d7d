package io.hearth.sandbox.runtimes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Resolves one interpreter: finds its command on PATH (or takes the HEARTH_PYTHON / HEARTH_NODE
 * override, a path or a command name), runs it once to learn the real binary behind it
 * ({@code sys.executable}, {@code process.execPath}: a pyenv shim is a bash script that picks a
 * version on every start) and its version, and refuses versions the bootstraps do not support.
 * {@link #start} launches the question so that both interpreters are probed in parallel.
 */
final class InterpreterProbe {
    private static final long TIMEOUT_SECONDS = 20;
    private static final String MARKER = "HEARTH-PROBE\t";

    enum Kind {
        PYTHON("python3", "HEARTH_PYTHON", 3, 9,
                "-c", "import sys;print('" + MARKER.replace("\t", "\\t") + "%s\\t%d.%d' % (sys.executable, "
                        + "sys.version_info[0], sys.version_info[1]))"),
        NODE("node", "HEARTH_NODE", 18, 0,
                "-e", "console.log('" + MARKER.replace("\t", "\\t") + "' + process.execPath + '\\t' + process.versions.node)");

        final String command;
        final String override;
        final int minMajor;
        final int minMinor;
        final List<String> question;

        Kind(String command, String override, int minMajor, int minMinor, String... question) {
            this.command = command;
            this.override = override;
            this.minMajor = minMajor;
            this.minMinor = minMinor;
            this.question = List.of(question);
        }
    }

    private final Kind kind;
    private final String name;
    private final Process process;
    private final Interpreter early;

    private InterpreterProbe(Kind kind, String name, Process process, Interpreter early) {
        this.kind = kind;
        this.name = name;
        this.process = process;
        this.early = early;
    }

    static InterpreterProbe start(Kind kind, Map<String, String> env) {
        String chosen = env.getOrDefault(kind.override, "").isBlank() ? kind.command : env.get(kind.override).strip();
        String source = chosen.equals(kind.command) ? chosen : chosen + " (" + kind.override + ")";
        Path command = chosen.contains("/") ? Path.of(chosen) : onPath(chosen, env.getOrDefault("PATH", ""));
        if (command == null) {
            return new InterpreterProbe(kind, source, null, Interpreter.missing(source + " not found on PATH"));
        }
        if (!Files.isRegularFile(command) || !Files.isExecutable(command)) {
            return new InterpreterProbe(kind, source, null, Interpreter.missing(source + " is not an executable file"));
        }
        var args = new ArrayList<String>();
        args.add(command.toString());
        args.addAll(kind.question);
        var builder = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            return new InterpreterProbe(kind, source + " at " + command, builder.start(), null);
        } catch (IOException e) {
            return new InterpreterProbe(kind, source, null, Interpreter.missing(source + " at " + command
                    + " cannot be started (" + e.getMessage() + ")"));
        }
    }

    Interpreter await() {
        if (early != null) return early;
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Interpreter.missing(name + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer(out, process.exitValue());
        } catch (IOException e) {
            return Interpreter.missing(name + " could not be asked for its version (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Interpreter.missing(name + " was not probed: interrupted");
        }
    }

    private Interpreter answer(String out, int exit) {
        for (String line : out.split("\n")) {
            if (!line.startsWith(MARKER)) continue;
            String[] parts = line.substring(MARKER.length()).strip().split("\t");
            if (parts.length != 2 || parts[0].isBlank()) break;
            Path binary = Path.of(parts[0]);
            if (!binary.isAbsolute() || !Files.isExecutable(binary)) break;
            if (!supported(parts[1])) {
                return Interpreter.missing(name + " is version " + parts[1] + "; Hearth's runtime needs "
                        + kind.minMajor + "." + kind.minMinor + " or later");
            }
            return Interpreter.found(binary, parts[1]);
        }
        String said = out.strip();
        return Interpreter.missing(name + " did not report its binary (exit " + exit + (said.isEmpty() ? "" : ": "
                + said.substring(0, Math.min(300, said.length()))) + ")");
    }

    private boolean supported(String version) {
        String[] v = version.split("\\.");
        try {
            int major = Integer.parseInt(v[0]);
            int minor = v.length > 1 ? Integer.parseInt(v[1]) : 0;
            return major > kind.minMajor || (major == kind.minMajor && minor >= kind.minMinor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Path onPath(String name, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }
}
