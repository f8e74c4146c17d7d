package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbound setting as data: its spelling, what it adds to a sandbox's command line, where DNS is bound. */
class OutboundCommandTest {
    private static final Path DATA = Path.of("/srv2/hearth");
    private static final NamespaceSettings SETTINGS = NamespaceSettings.defaults(DATA, DATA.resolve("runtime-api.sock"));
    private static final Path CODE = DATA.resolve("code-cache/abc");
    private static final Path RUNTIMES = DATA.resolve("runtimes");
    private static final Path RESOLV = DATA.resolve("run/sandbox-resolv.conf");

    private static List<String> build(NetworkAccess network, OutboundNetwork.ResolvBind resolv) {
        var r = new ProcessRequest("sb-1", List.of("/usr/bin/python3"), CODE, RUNTIMES, Map.of(), 128, true, network);
        return BwrapCommand.build(SETTINGS, r, r.command(), null, null, resolv);
    }

    private static String startScript(List<String> argv) {
        return argv.stream().filter(a -> a.contains("HEARTH_ENV_COUNT")).findFirst().orElseThrow();
    }

    @Test
    void theSettingIsSpelledNoneOrOutbound() {
        assertThat(NetworkAccess.parse("none")).isEqualTo(NetworkAccess.NONE);
        assertThat(NetworkAccess.parse(" Outbound ")).isEqualTo(NetworkAccess.OUTBOUND);
        assertThatThrownBy(() -> NetworkAccess.parse("wide-open"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network access must be none or outbound, got 'wide-open'");
        assertThatThrownBy(() -> NetworkAccess.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProcessRequest("sb-1", List.of("x"), CODE, RUNTIMES, Map.of(), 128, true).network())
                .isEqualTo(NetworkAccess.NONE);
    }

    @Test
    void anOutboundSandboxGetsSlirpsDnsAndWaitsForItsNetworkStillInItsOwnNamespace() {
        var argv = build(NetworkAccess.OUTBOUND, new OutboundNetwork.ResolvBind(RESOLV, Path.of("/etc/resolv.conf")));
        int bind = argv.indexOf(RESOLV.toString());
        assertThat(bind).isPositive();
        assertThat(argv.subList(bind - 1, bind + 2)).containsExactly("--ro-bind", RESOLV.toString(), "/etc/resolv.conf");
        assertThat(argv).contains("--unshare-net").doesNotContain("--share-net");
        assertThat(startScript(argv)).contains("/proc/net/route", "\"tap0 00000000\"", "did not come up")
                .endsWith("exec \"$@\"\n");
        // the wait comes before the function's environment is restored (PATH is still the platform's)
        assertThat(startScript(argv).indexOf("/proc/net/route")).isLessThan(startScript(argv).indexOf("HEARTH_ENV_COUNT"));
    }

    @Test
    void slirpRefusesTheHostsLoopbackConfinesItselfAndEndsWithTheServer() {
        var outbound = new OutboundNetwork(Path.of("/usr/bin/slirp4netns"), Path.of("/usr/bin/bwrap"), RESOLV, List.of());
        var link = (SlirpLink) outbound.link("sb-1");
        assertThat(link.command()).containsExactly("/usr/bin/slirp4netns", "--configure", "--mtu=65520",
                "--disable-host-loopback", "--enable-sandbox", "--enable-seccomp", "--exit-fd=0");
        link.release();   // before attach: nothing to stop
        link.release();
    }

    @Test
    void aSandboxWithoutNetworkHasNeitherTheDnsBindNorTheWait() {
        var argv = build(NetworkAccess.NONE, null);
        assertThat(String.join(" ", argv)).doesNotContain("resolv.conf");
        assertThat(startScript(argv)).doesNotContain("/proc/net/route", "tap0");
        assertThatThrownBy(() -> build(NetworkAccess.OUTBOUND, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResolvConfUnderAHiddenDirectoryIsBoundAtItsRealPathWithItsParentsMade() {
        var argv = build(NetworkAccess.OUTBOUND,
                new OutboundNetwork.ResolvBind(RESOLV, Path.of("/run/systemd/resolve/stub-resolv.conf")));
        String line = String.join(" ", argv);
        assertThat(line).contains("--perms 0755 --dir /run/systemd --perms 0755 --dir /run/systemd/resolve "
                + "--ro-bind " + RESOLV + " /run/systemd/resolve/stub-resolv.conf");
        assertThat(line.indexOf("--tmpfs /run ")).isLessThan(line.indexOf("--dir /run/systemd"));
    }

    @Test
    void symbolicLinksAreFollowedToTheFileProgramsOpenEvenWhenDangling(@TempDir Path dir) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("via"), real);
        Files.createSymbolicLink(etc.resolve("resolv.conf"), Path.of("../via/stub.conf"));
        assertThat(OutboundNetwork.finalPath(etc.resolve("resolv.conf"))).isEqualTo(real.toRealPath().resolve("stub.conf"));
        Files.createSymbolicLink(etc.resolve("gone.conf"), Path.of("/run/nowhere/resolv.conf"));
        assertThat(OutboundNetwork.finalPath(etc.resolve("gone.conf"))).isEqualTo(Path.of("/run/nowhere/resolv.conf"));
        Files.writeString(etc.resolve("plain.conf"), "nameserver 192.0.2.53\n");
        assertThat(OutboundNetwork.finalPath(etc.resolve("plain.conf"))).isEqualTo(etc.toRealPath().resolve("plain.conf"));
    }
}
