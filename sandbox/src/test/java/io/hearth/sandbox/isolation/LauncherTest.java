package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox launcher: real processes started by a real python3 launcher process. */
class LauncherTest {
    @TempDir
    Path dir;
    private Launcher launcher;

    @BeforeEach
    void find() {
        launcher = Launcher.find(Launcher.defaultCandidates()).orElse(null);
        assumeTrue(launcher != null, "no python3 3.9+ for the launcher on this machine");
    }

    @AfterEach
    void close() {
        if (launcher != null) launcher.close();
    }

    private ProcessBuilder builder(Path out, String... command) {
        var pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectErrorStream(true);
        pb.environment().clear();
        return pb;
    }

    @Test
    void theProcessGetsItsArgumentsEnvironmentDirectoryAndOutputFileAndItsExitStatusIsReported() throws Exception {
        Path out = Files.writeString(dir.resolve("out.log"), "before\n");
        var pb = builder(out, "/bin/sh", "-c", "echo \"$1|$A|$B|$(pwd)\"; echo to-stderr >&2; read x; echo \"read:$x\"; exit 3",
                "sh", "an argument with spaces");
        pb.environment().put("A", "two\nlines=and equals");
        pb.environment().put("B", "");
        Process p = launcher.start(pb);
        assertThat(p.toHandle().pid()).isEqualTo(p.pid());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(p.isAlive()).isFalse();
        assertThat(p.onExit().get(1, TimeUnit.SECONDS)).isSameAs(p);
        assertThat(Files.readString(out)).isEqualTo("before\nan argument with spaces|two\nlines=and equals||"
                + dir.toRealPath() + "\nto-stderr\nread:\n");
    }

    @Test
    void theProcessInheritsNoOpenFileOfTheServerOrTheLauncher() throws Exception {
        Path out = dir.resolve("fds.log");
        Process p = launcher.start(builder(out, "/bin/sh", "-c", "ls /proc/$$/fd"));
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // 0, 1, 2, and the directory ls reads
        assertThat(Files.readAllLines(out).stream().mapToInt(Integer::parseInt).max().orElseThrow()).isLessThanOrEqualTo(3);
    }

    @Test
    void aSignalEndsTheProcessWithStatus128PlusTheSignalAndSignallingAnEndedOneIsHarmless() throws Exception {
        Process p = launcher.start(builder(dir.resolve("o"), "/bin/sleep", "30"));
        assertThat(p.isAlive()).isTrue();
        assertThatThrownBy(p::exitValue).isInstanceOf(IllegalThreadStateException.class);
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
        p.destroy();

        Process q = launcher.start(builder(dir.resolve("o"), "/bin/sleep", "30"));
        q.destroy();
        assertThat(q.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).isEqualTo(128 + 15);
    }

    @Test
    void aProgramThatCannotRunFailsTheStartAsProcessBuilderWouldSay() throws Exception {
        Path out = dir.resolve("o");
        assertThatThrownBy(() -> launcher.start(builder(out, "/nonexistent/bootstrap")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot run program \"/nonexistent/bootstrap\"")
                .hasMessageContaining("error=2");
        Path notExecutable = Files.writeString(dir.resolve("script"), "#!/bin/sh\n");
        assertThatThrownBy(() -> launcher.start(builder(out, notExecutable.toString())))
                .isInstanceOf(IOException.class).hasMessageContaining("error=13");
        // the launcher still works
        Process p = launcher.start(builder(out, "/bin/true"));
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void whenTheLauncherDiesItsProcessesCountAsKilledAndTheNextStartStartsANewLauncher() throws Exception {
        Process p = launcher.start(builder(dir.resolve("o"), "/bin/sleep", "30"));
        long first = launcher.pid().orElseThrow();
        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(Launcher.KILLED);
        p.toHandle().destroyForcibly();   // the orphan (a bubblewrap sandbox would have died with the launcher)

        Process q = launcher.start(builder(dir.resolve("o"), "/bin/sh", "-c", "exit 5"));
        assertThat(q.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).isEqualTo(5);
        assertThat(launcher.pid().orElseThrow()).isNotEqualTo(first);
    }

    @Test
    void manyProcessesAtOnceEachGetTheirOwnExitStatus() throws Exception {
        var started = new java.util.ArrayList<Process>();
        for (int i = 0; i < 40; i++) {
            started.add(launcher.start(builder(dir.resolve("o" + i), "/bin/sh", "-c", "exit " + i)));
        }
        for (int i = 0; i < 40; i++) {
            assertThat(started.get(i).waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(started.get(i).exitValue()).isEqualTo(i);
        }
    }

    @Test
    void onlyBuildersWithInputFromDevNullAndOutputAppendedToAFileAreTaken() {
        assertThat(Launcher.forBuilder(builder(dir.resolve("o"), "/bin/true"))).isTrue();
        assertThat(Launcher.forBuilder(builder(dir.resolve("o"), "true"))).isFalse();
        assertThat(Launcher.forBuilder(new ProcessBuilder("/bin/true"))).isFalse();
        assertThat(Launcher.forBuilder(builder(dir.resolve("o"), "/bin/true").redirectErrorStream(false))).isFalse();
        assertThat(Launcher.forBuilder(builder(dir.resolve("o"), "/bin/true").redirectOutput(dir.resolve("o").toFile())))
                .isFalse();
    }

    @Test
    void noUsablePythonMeansNoLauncher() {
        assertThat(Launcher.find(List.of(dir.resolve("python3"), Path.of("/bin/false")))).isEmpty();
    }
}
