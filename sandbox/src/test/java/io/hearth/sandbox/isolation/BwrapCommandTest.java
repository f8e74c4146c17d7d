package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox command line as data: order of mounts, the uid drop, what is never there. */
class BwrapCommandTest {
    private static final Path DATA = Path.of("/srv2/hearth");
    private static final NamespaceSettings SETTINGS = NamespaceSettings.defaults(DATA, DATA.resolve("runtime-api.sock"));
    private static final Path CODE = DATA.resolve("code-cache/abc");
    private static final Path RUNTIMES = DATA.resolve("runtimes");

    private static ProcessRequest request(List<String> command) {
        return new ProcessRequest("sb-1", command, CODE, RUNTIMES, Map.of(), 128, false);
    }

    private static List<String> build(List<String> command, SandboxCgroup cgroup) {
        var paths = new SandboxPaths(CODE, RUNTIMES);
        return BwrapCommand.build(SETTINGS, request(command), command.stream().map(paths::inside).toList(), cgroup, null);
    }

    private static int indexOf(List<String> argv, String... sequence) {
        for (int i = 0; i + sequence.length <= argv.size(); i++) {
            if (argv.subList(i, i + sequence.length).equals(List.of(sequence))) return i;
        }
        return -1;
    }

    @Test
    void hiddenDirectoriesAreCoveredBeforeAnythingIsBoundOnTop() {
        var argv = build(List.of("/root/.pyenv/versions/3.12.1/bin/python3.12", "-S",
                RUNTIMES.resolve("python/bootstrap.pyc").toString()), null);
        int root = indexOf(argv, "--tmpfs", "/root");
        int data = indexOf(argv, "--tmpfs", DATA.toString());
        int python = indexOf(argv, "--ro-bind", "/root/.pyenv/versions/3.12.1", "/root/.pyenv/versions/3.12.1");
        int code = indexOf(argv, "--ro-bind", CODE.toString(), "/var/task");
        int runtime = indexOf(argv, "--ro-bind", RUNTIMES.toString(), "/var/runtime");
        int var = indexOf(argv, "--tmpfs", "/var");
        assertThat(List.of(root, data, python, code, runtime, var)).doesNotContain(-1);
        assertThat(root).isLessThan(python);
        assertThat(var).isLessThan(code).isLessThan(runtime);
        assertThat(data).isLessThan(code);
        assertThat(indexOf(argv, "--perms", "0755", "--dir", "/root/.pyenv")).isBetween(root, python);
        assertThat(indexOf(argv, "--perms", "0755", "--dir", "/root/.pyenv/versions")).isBetween(root, python);
    }

    @Test
    void theRuntimeCommandRunsLastAsTheUnprivilegedUidAfterTheRelayPrelude() {
        var argv = build(List.of(CODE.resolve("bootstrap").toString(), "--flag"), null);
        int setpriv = argv.indexOf("/usr/bin/setpriv");
        assertThat(argv.subList(setpriv, setpriv + 8)).containsExactly("/usr/bin/setpriv", "--reuid=65534",
                "--regid=65534", "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--");
        assertThat(argv.subList(argv.size() - 2, argv.size())).containsExactly("/var/task/bootstrap", "--flag");
        assertThat(argv.get(argv.size() - 3)).isEqualTo("hearth-sandbox");
        assertThat(argv.getFirst()).isEqualTo("/usr/bin/bwrap");
    }

    @Test
    void onlyARuntimeThatCannotUseTheSocketGetsTheRelayProcessAndWaitsForIt() {
        var paths = new SandboxPaths(CODE, RUNTIMES);
        var aware = new ProcessRequest("sb-1", List.of("/usr/bin/node"), CODE, RUNTIMES, Map.of(), 128, true);
        String awareScript = startScript(BwrapCommand.build(SETTINGS, aware, List.of("/usr/bin/node"), null, null));
        String waitingScript = startScript(build(List.of(CODE.resolve("bootstrap").toString()), null));
        assertThat(waitingScript).contains("/proc/net/tcp", "0100007F:2329 0A").endsWith("exec \"$@\"\n")
                .contains("/usr/bin/socat TCP-LISTEN:9001,bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:/run/hearth/runtime.sock");
        assertThat(awareScript).doesNotContain("/proc/net/tcp", "socat").contains("HEARTH_ENV_COUNT")
                .endsWith("exec \"$@\"\n");
        assertThat(paths.inside(CODE.resolve("bootstrap").toString())).isEqualTo("/var/task/bootstrap");
    }

    /** The script the sandbox's inner shell runs: the argument after setpriv's {@code -- /bin/sh -c}. */
    private static String startScript(List<String> argv) {
        int setpriv = argv.indexOf("/usr/bin/setpriv");
        int sh = argv.subList(setpriv, argv.size()).indexOf("/bin/sh") + setpriv;
        assertThat(argv.get(sh + 1)).isEqualTo("-c");
        return argv.get(sh + 2);
    }

    @Test
    void noUserNamespaceAndNoSharedNamespace() {
        var argv = build(List.of("/usr/bin/node", RUNTIMES.resolve("node/bootstrap.js").toString()), null);
        assertThat(argv).contains("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session");
        assertThat(argv).doesNotContain("--unshare-user", "--unshare-all", "--share-net", "--cap-add",
                "--unshare-user-try");
        assertThat(argv).contains("/var/runtime/node/bootstrap.js");
        assertThat(indexOf(argv, "--perms", "1777", "--size", Long.toString(NamespaceSettings.DEFAULT_TMP_BYTES),
                "--tmpfs", "/tmp")).isNotNegative();
    }

    @Test
    void aVisibleInterpreterIsNotBoundAndADataDirUnderAHiddenRootIsNotCoveredTwice() {
        var settings = NamespaceSettings.defaults(Path.of("/var/lib/hearth"), Path.of("/var/lib/hearth/s.sock"));
        var r = new ProcessRequest("sb-1", List.of("/usr/bin/python3"), Path.of("/var/lib/hearth/code-cache/x"),
                Path.of("/var/lib/hearth/runtimes"), Map.of(), 128, true);
        var argv = BwrapCommand.build(settings, r, List.of("/usr/bin/python3"), null, null);
        assertThat(indexOf(argv, "--tmpfs", "/var/lib/hearth")).isEqualTo(-1);
        assertThat(indexOf(argv, "--ro-bind", "/usr", "/usr")).isEqualTo(-1);
        assertThat(indexOf(argv, "--ro-bind", "/var/lib/hearth/s.sock", "/run/hearth/runtime.sock")).isNotNegative();
    }

    @Test
    void withACgroupAndAFilterTheHostShellJoinsTheCgroupAndHandsBubblewrapTheFilter() {
        var cgroup = SandboxCgroup.existing(Map.of("memory", Path.of("/cg/memory/h"), "pids", Path.of("/cg/pids/h")),
                "sb-1");
        var paths = new SandboxPaths(CODE, RUNTIMES);
        var argv = BwrapCommand.build(SETTINGS, request(List.of("/usr/bin/python3")), List.of("/usr/bin/python3"),
                cgroup, Path.of("/tmp/f.bpf"));
        assertThat(argv.subList(0, 5)).containsExactly("/bin/sh", "-c", Preludes.HOST, "hearth-host", "/tmp/f.bpf");
        int bwrap = argv.indexOf("/usr/bin/bwrap");
        assertThat(argv.subList(5, bwrap)).containsExactlyInAnyOrder("/cg/memory/h/sb-1/cgroup.procs",
                "/cg/pids/h/sb-1/cgroup.procs", "--");
        assertThat(argv.get(bwrap - 1)).isEqualTo("--");
        assertThat(argv.subList(bwrap + 1, bwrap + 3)).containsExactly("--seccomp", "3");
        assertThat(indexOf(argv, "--ro-bind", "/cg/memory/h/sb-1", "/sys/fs/cgroup/memory")).isNotNegative();
        assertThat(indexOf(argv, "--tmpfs", "/sys/fs/cgroup")).isLessThan(indexOf(argv, "--ro-bind", "/cg/pids/h/sb-1",
                "/sys/fs/cgroup/pids"));
        assertThat(paths.inside("/usr/bin/python3")).isEqualTo("/usr/bin/python3");
    }

    @Test
    void withNeitherBubblewrapStartsDirectly() {
        assertThat(build(List.of("/usr/bin/python3"), null).getFirst()).isEqualTo("/usr/bin/bwrap");
        assertThat(build(List.of("/usr/bin/python3"), null)).doesNotContain("--seccomp");
    }
}
