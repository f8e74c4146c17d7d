package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxPathsTest {
    private final SandboxPaths paths = new SandboxPaths(Path.of("/d/code-cache/abc"), Path.of("/d/runtimes"));

    @Test
    void hostPathsOfTheCodeAndRuntimeMoveToLambdasPlaces() {
        assertThat(paths.inside("/d/code-cache/abc/bootstrap")).isEqualTo("/var/task/bootstrap");
        assertThat(paths.inside("/d/code-cache/abc")).isEqualTo("/var/task");
        assertThat(paths.inside("/d/runtimes/python/bootstrap.pyc")).isEqualTo("/var/runtime/python/bootstrap.pyc");
        assertThat(paths.inside("-XX:SharedArchiveFile=/d/runtimes/java/a.jsa")).as("an option's path value")
                .isEqualTo("-XX:SharedArchiveFile=/var/runtime/java/a.jsa");
        assertThat(paths.inside("--add-opens=java.base/java.util=ALL-UNNAMED")).isEqualTo(
                "--add-opens=java.base/java.util=ALL-UNNAMED");
        assertThat(paths.inside("-Dx=/usr/lib/jvm")).isEqualTo("-Dx=/usr/lib/jvm");
    }

    @Test
    void everythingElseIsLeftAlone() {
        assertThat(paths.inside("-X")).isEqualTo("-X");
        assertThat(paths.inside("/usr/bin/python3")).isEqualTo("/usr/bin/python3");
        assertThat(paths.inside("/d/code-cache/abcdef/x")).isEqualTo("/d/code-cache/abcdef/x");
        assertThat(paths.inside("/d/code-cache/abc/../other/x")).isEqualTo("/d/code-cache/abc/../other/x");
        assertThat(paths.inside("relative/path")).isEqualTo("relative/path");
    }

    @Test
    void anInterpreterInAHiddenDirectoryGetsItsPrefixBoundButNeverAWholeHiddenRoot() {
        Path code = Path.of("/d/code-cache/abc");
        Path rt = Path.of("/d/runtimes");
        assertThat(SandboxPaths.interpreterBinds(List.of("/root/.pyenv/versions/3.12.1/bin/python3.12"), code, rt,
                List.of())).containsExactly(Path.of("/root/.pyenv/versions/3.12.1"));
        assertThat(SandboxPaths.interpreterBinds(List.of("/home/me/node/node"), code, rt, List.of()))
                .containsExactly(Path.of("/home/me/node"));
        assertThat(SandboxPaths.interpreterBinds(List.of("/root/bin/python"), code, rt, List.of())).isEmpty();
        assertThat(SandboxPaths.interpreterBinds(List.of("/usr/bin/python3"), code, rt, List.of())).isEmpty();
        assertThat(SandboxPaths.interpreterBinds(List.of("/d/code-cache/abc/bootstrap"), code, rt, List.of(Path.of("/d"))))
                .isEmpty();
        assertThat(SandboxPaths.interpreterBinds(List.of("python3"), code, rt, List.of())).isEmpty();
    }
}
