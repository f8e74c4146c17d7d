package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.HearthException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --isolation none|namespaces|auto}: parsing, and what each gives when the host cannot isolate. */
class IsolationChoiceTest {
    private static final NamespaceSettings MISSING_BWRAP = NamespaceSettings.defaults(Path.of("/tmp/d"),
            Path.of("/tmp/d/s.sock")).withBwrap(Path.of("/nonexistent/bwrap"));

    @Test
    void levelsParseCaseInsensitivelyAndAnythingElseIsRefused() {
        assertThat(IsolationLevel.parse("none")).isEqualTo(IsolationLevel.NONE);
        assertThat(IsolationLevel.parse(" Namespaces ")).isEqualTo(IsolationLevel.NAMESPACES);
        assertThat(IsolationLevel.parse("AUTO")).isEqualTo(IsolationLevel.AUTO);
        for (String bad : new String[] {"", "bwrap", "namespace", "none,auto"}) {
            assertThatThrownBy(() -> IsolationLevel.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("none, namespaces, auto");
        }
        assertThatThrownBy(() -> IsolationLevel.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void autoFallsBackToNoneSayingWhyAndNamespacesRefusesToStart() {
        var auto = Isolation.select(IsolationLevel.AUTO, MISSING_BWRAP);
        assertThat(auto.level()).isEqualTo(IsolationLevel.NONE);
        assertThat(auto.description()).contains("/nonexistent/bwrap is not installed").contains("NOT isolated");
        assertThatThrownBy(() -> Isolation.select(IsolationLevel.NAMESPACES, MISSING_BWRAP))
                .isInstanceOf(HearthException.class).hasMessageContaining("/nonexistent/bwrap is not installed");
        assertThat(Isolation.select(IsolationLevel.NONE, MISSING_BWRAP).level()).isEqualTo(IsolationLevel.NONE);
    }

    @Test
    void autoChoosesNamespacesWhereTheyWork() {
        IsolationFixture.assumeNamespaces();
        try (var auto = Isolation.detect(NamespaceSettings.defaults(Path.of("/tmp/d"), Path.of("/tmp/d/s.sock"))
                .withCgroups(false))) {
            assertThat(auto.level()).isEqualTo(IsolationLevel.NAMESPACES);
            assertThat(auto.description()).startsWith("namespaces (bubblewrap").contains("uid 65534")
                    .contains("no resource limits (cgroups disabled)");
        }
    }

    @Test
    void noIsolationPassesTheRequestThroughUntouched() throws Exception {
        var request = new ProcessRequest("sb-1", List.of("/usr/bin/python3", "-S", "/d/runtimes/b.py"),
                Path.of("/d/code"), Path.of("/d/runtimes"), Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:5/s/t",
                "LD_PRELOAD", "/x.so"), 128, true);
        var plan = Isolation.none().plan(request);
        assertThat(plan.command()).isEqualTo(request.command());
        assertThat(plan.directory()).isEqualTo(request.codeDir());
        assertThat(plan.environment()).isEqualTo(request.environment());
        assertThat(plan.limits()).isSameAs(SandboxLimits.NONE);
        assertThat(Isolation.none().cleanupLeftovers()).isZero();
    }

    @Test
    void settingsRefuseRootAndAbsurdLimits() {
        var d = NamespaceSettings.defaults(Path.of("/d"), Path.of("/d/s"));
        assertThatThrownBy(() -> new NamespaceSettings(d.bwrap(), d.setpriv(), d.socat(), d.runtimeSocket(), d.hidden(),
                d.tmpBytes(), d.pidsLimit(), 0, 0, true, true)).hasMessageContaining("root");
        assertThatThrownBy(() -> d.withPidsLimit(2)).hasMessageContaining("pidsLimit");
        assertThatThrownBy(() -> d.withTmpBytes(1000)).hasMessageContaining("tmpBytes");
        for (String system : new String[] {"/", "/usr", "/etc", "/lib64", "/opt"}) {
            assertThatThrownBy(() -> NamespaceSettings.defaults(Path.of(system), Path.of("/d/s")))
                    .hasMessageContaining("cannot hide " + system);
        }
        assertThat(NamespaceSettings.defaults(Path.of("/opt/hearth"), Path.of("/d/s")).hidden())
                .containsExactly(Path.of("/opt/hearth"));
    }
}
