package io.hearth.sandbox.isolation;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether namespaced sandboxes work on this host, found once per set of binaries by doing it:
 * the server must be root (see {@link BwrapCommand} for why), bwrap, setpriv and socat must
 * exist, and {@code bwrap} with every namespace and a tmpfs, then {@code setpriv} to the sandbox
 * uid, must run {@code /bin/true} within five seconds. The answer carries the reason when no.
 */
final class BwrapProbe {
    record Result(boolean works, String detail) {}

    private static final Map<List<String>, Result> CACHE = new ConcurrentHashMap<>();

    private BwrapProbe() {}

    static Result probe(NamespaceSettings s) {
        var key = List.of(s.bwrap().toString(), s.setpriv().toString(), s.socat().toString(),
                Integer.toString(s.uid()), Integer.toString(s.gid()));
        return CACHE.computeIfAbsent(key, k -> run(s));
    }

    private static Result run(NamespaceSettings s) {
        if (!isRoot()) {
            return new Result(false, "the server does not run as root");
        }
        for (Path p : List.of(s.bwrap(), s.setpriv(), s.socat())) {
            if (!Files.isExecutable(p)) return new Result(false, p + " is not installed");
        }
        var argv = new ArrayList<String>(List.of(s.bwrap().toString(), "--ro-bind", "/", "/", "--proc", "/proc",
                "--dev", "/dev", "--perms", "1777", "--size", "1048576", "--tmpfs", "/tmp"));
        argv.addAll(BwrapCommand.NAMESPACES);
        argv.addAll(List.of("--die-with-parent", "--new-session", "--", s.setpriv().toString(),
                "--reuid=" + s.uid(), "--regid=" + s.gid(), "--clear-groups", "--no-new-privs", "--inh-caps=-all",
                "--bounding-set=-all", "--", "/bin/true"));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(false, "bubblewrap did not finish a trial run within 5 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                return new Result(false, "bubblewrap's trial run failed (exit " + p.exitValue() + "): " + out);
            }
            return new Result(true, version(s.bwrap()));
        } catch (IOException e) {
            return new Result(false, "cannot run bubblewrap: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return line.split("\\s+")[2].equals("0");
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return false;
    }

    private static String version(Path bwrap) {
        try {
            Process p = new ProcessBuilder(bwrap.toString(), "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return v.isEmpty() ? "bubblewrap" : v;
        } catch (IOException e) {
            return "bubblewrap";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "bubblewrap";
        }
    }
}
