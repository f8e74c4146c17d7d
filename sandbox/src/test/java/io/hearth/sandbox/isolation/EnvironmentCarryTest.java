package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A function's environment reaches its runtime intact, and only its runtime: the privileged
 * processes that build the sandbox never see it (an LD_PRELOAD there would run as root).
 */
class EnvironmentCarryTest {
    private static IsolationFixture host;

    @BeforeAll
    static void start() throws Exception {
        host = new IsolationFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) host.close();
    }

    @Test
    void awkwardValuesArriveVerbatim() throws Exception {
        String awkward = "a b  $HOME `id` $(id) \"q\" 'q' \\ ; | & * ?\nsecond line\ttab é";
        var run = host.run(List.of("/bin/sh", "-c", "printf '%s|' \"$AWKWARD\" \"$EMPTY\" \"$_HANDLER\"; "
                + "env | grep -c '^HEARTH_ENV'"), 128, Map.of("AWKWARD", awkward, "EMPTY", "", "_HANDLER", "app.handler"));
        assertThat(run.output()).isEqualTo(awkward + "||app.handler|0\n");
    }

    @Test
    void theFunctionsLdPreloadReachesOnlyItsOwnProcesses() throws Exception {
        var run = host.run(List.of("/usr/bin/env"), 128, Map.of("LD_PRELOAD", "/nonexistent-hearth-test.so"));
        long warnings = run.output().lines().filter(l -> l.contains("nonexistent-hearth-test.so")
                && l.contains("cannot be preloaded")).count();
        assertThat(warnings).isEqualTo(1);   // env itself; not sh, bwrap, setpriv or socat
        assertThat(run.output()).contains("LD_PRELOAD=/nonexistent-hearth-test.so");
    }

    @Test
    void namesThatAreNotVariablesAreRefused() {
        assertThatThrownBy(() -> Preludes.carry(Map.of("A-B", "x"))).hasMessageContaining("'A-B'");
        assertThatThrownBy(() -> Preludes.carry(Map.of("__h_i", "x"))).hasMessageContaining("'__h_i'");
        assertThatThrownBy(() -> Preludes.carry(Map.of("1A", "x"))).hasMessageContaining("'1A'");
        assertThatThrownBy(() -> Preludes.carry(Map.of("HEARTH_ENV_COUNT", "0"))).hasMessageContaining("'HEARTH_ENV_COUNT'");
        assertThatThrownBy(() -> Preludes.carry(Map.of("A", "x\0y"))).hasMessageContaining("NUL");
        assertThat(Preludes.carry(Map.of("B", "2", "A", "1"))).containsEntry("HEARTH_ENV_1", "A=1")
                .containsEntry("HEARTH_ENV_2", "B=2").containsEntry("HEARTH_ENV_COUNT", "2")
                .containsEntry("PATH", "/usr/bin:/bin").hasSize(4);
    }
}
