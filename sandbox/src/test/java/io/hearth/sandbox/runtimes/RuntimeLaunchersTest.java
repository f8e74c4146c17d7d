package io.hearth.sandbox.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeLaunchersTest {
    @TempDir Path dir;

    @Test
    void installExtractsBothBootstrapsAndRewritesOnlyWhatDiffers() throws Exception {
        RuntimeLaunchers.install(dir, Map.of("PATH", ""));
        Path py = dir.resolve("python/bootstrap.py");
        Path js = dir.resolve("node/bootstrap.js");
        assertThat(Files.readAllBytes(py)).isEqualTo(resource("python/bootstrap.py"));
        assertThat(Files.readAllBytes(js)).isEqualTo(resource("node/bootstrap.js"));
        for (String client : List.of("python/hearth.py", "node/node_modules/hearth/index.js",
                "node/node_modules/hearth/package.json")) {
            assertThat(Files.readAllBytes(dir.resolve(client))).as(client).isEqualTo(resource(client));
        }

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(py, old);
        Files.writeString(js, "tampered");
        RuntimeLaunchers.install(dir, Map.of("PATH", ""));
        assertThat(Files.getLastModifiedTime(py)).as("identical content is left alone").isEqualTo(old);
        assertThat(Files.readAllBytes(js)).isEqualTo(resource("node/bootstrap.js"));
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).as("no temporary files left behind")
                    .allSatisfy(f -> assertThat(f.getFileName().toString()).doesNotEndWith(".tmp"));
        }
    }

    @Test
    void anUnwritableDirectoryIsAServiceError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> RuntimeLaunchers.install(file, Map.of("PATH", "")))
                .isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE))
                .hasMessageContaining("Cannot install the runtime bootstrap");
    }

    @Test
    void pythonResolvesToItsRealBinaryNotAShim() {
        var launchers = RuntimeLaunchers.install(dir);
        assumeTrue(launchers.python().isPresent(), "python3 is not on PATH");
        Path python = launchers.python().orElseThrow();
        assertThat(python).isAbsolute();
        assertThat(python.toString()).doesNotContain("/shims/");
        assertThat(Files.isExecutable(python)).isTrue();
        assertThat(launchers.commandFor(Runtime.PYTHON_3_12, dir.resolve("code"), 128)).containsExactly(
                python.toString(), "-S", "-B", "-u", "-X", "utf8", dir.resolve("python/bootstrap.pyc").toString());
    }

    @Test
    void thePrecompiledPythonBootstrapIsThePythonSourceCompiled() throws Exception {
        var launchers = RuntimeLaunchers.install(dir);
        assumeTrue(launchers.python().isPresent(), "python3 is not on PATH");
        Path pyc = dir.resolve("python/bootstrap.pyc");
        var check = new ProcessBuilder(launchers.python().orElseThrow().toString(), "-S", "-c",
                "import sys, marshal; code = marshal.loads(open(sys.argv[1], 'rb').read()[16:]);"
                        + "src = open(sys.argv[2]).read(); print(code.co_filename == sys.argv[2] and "
                        + "code == compile(src, sys.argv[2], 'exec'))",
                pyc.toString(), dir.resolve("python/bootstrap.py").toString()).redirectErrorStream(true).start();
        assertThat(new String(check.getInputStream().readAllBytes()).strip()).isEqualTo("True");
    }

    @Test
    void theHearthClientIsPrecompiledIntoItsCacheWhichTheSandboxesReadOnly() throws Exception {
        var launchers = RuntimeLaunchers.install(dir);
        assumeTrue(launchers.python().isPresent(), "python3 is not on PATH");
        var check = new ProcessBuilder(launchers.python().orElseThrow().toString(), "-S", "-B", "-c",
                "import sys, os, importlib.util; sys.path.insert(0, sys.argv[1]); import hearth; "
                        + "print(hearth.__cached__ == importlib.util.cache_from_source(hearth.__file__) "
                        + "and os.path.isfile(hearth.__cached__), hearth.kv.__class__.__name__)",
                dir.resolve("python").toString()).redirectErrorStream(true).start();
        assertThat(new String(check.getInputStream().readAllBytes()).strip()).isEqualTo("True Kv");
    }

    @Test
    void withoutAWorkingCompileThePythonSourceIsRun() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("python3"), "case \"$1\" in -c) echo \"HEARTH-PROBE	$0	3.12\";; *) exit 1;; esac");
        var launchers = RuntimeLaunchers.install(dir, Map.of("PATH", bin.toString()));
        assertThat(launchers.commandFor(Runtime.PYTHON_3_12, dir, 128)).last()
                .isEqualTo(dir.resolve("python/bootstrap.py").toString());
    }

    @Test
    void nodeResolvesToItsRealBinary() {
        var launchers = RuntimeLaunchers.install(dir);
        assumeTrue(launchers.node().isPresent(), "node is not on PATH");
        Path node = launchers.node().orElseThrow();
        assertThat(node).isAbsolute();
        assertThat(launchers.commandFor(Runtime.NODEJS_22, dir.resolve("code"), 128))
                .containsExactly(node.toString(), dir.resolve("node/bootstrap.js").toString());
    }

    @Test
    void providedRunsTheZipsOwnBootstrapEvenWhenItIsMissing() {
        var launchers = RuntimeLaunchers.install(dir, Map.of("PATH", ""));
        Path code = dir.resolve("code");
        for (Runtime r : List.of(Runtime.PROVIDED, Runtime.PROVIDED_AL2, Runtime.PROVIDED_AL2023)) {
            assertThat(launchers.commandFor(r, code, 128)).containsExactly(code.resolve("bootstrap").toString());
        }
    }

    @Test
    void aMissingInterpreterFailsOnlyTheRuntimesThatNeedIt() {
        var launchers = RuntimeLaunchers.install(dir, Map.of("PATH", dir.resolve("empty").toString()));
        assertThat(launchers.python()).isEmpty();
        assertThat(launchers.node()).isEmpty();
        assertThatThrownBy(() -> launchers.commandFor(Runtime.PYTHON_3_12, dir, 128))
                .isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE))
                .hasMessage("python3 not found on PATH; runtime python3.12 needs it");
        assertThatThrownBy(() -> launchers.commandFor(Runtime.NODEJS_20, dir, 128))
                .isInstanceOf(HearthException.class)
                .hasMessage("node not found on PATH; runtime nodejs20.x needs it");
    }

    @Test
    void overridesMayNameAPathOrACommandAndAreChecked() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("old-node"), "echo 'HEARTH-PROBE\t/bin/sh\t16.20.0'");
        script(bin.resolve("mute-python"), "echo 'something else'; exit 3");
        var env = new HashMap<String, String>();
        env.put("PATH", bin.toString());
        env.put("HEARTH_NODE", "old-node");
        env.put("HEARTH_PYTHON", bin.resolve("mute-python").toString());
        var launchers = RuntimeLaunchers.install(dir, env);
        assertThatThrownBy(() -> launchers.commandFor(Runtime.NODEJS_18, dir, 128)).hasMessage(
                "old-node (HEARTH_NODE) at " + bin.resolve("old-node") + " is version 16.20.0; Hearth's runtime needs"
                        + " 18.0 or later; runtime nodejs18.x needs it");
        assertThatThrownBy(() -> launchers.commandFor(Runtime.PYTHON_3_9, dir, 128))
                .hasMessageContaining("did not report its binary (exit 3: something else)");

        env.put("HEARTH_PYTHON", bin.resolve("absent").toString());
        assertThatThrownBy(() -> RuntimeLaunchers.install(dir, env).commandFor(Runtime.PYTHON_3_13, dir, 128))
                .hasMessage(bin.resolve("absent") + " (HEARTH_PYTHON) is not an executable file; runtime python3.13 needs it");
    }

    @Test
    void anOverrideNamingARealInterpreterIsUsed() {
        var real = RuntimeLaunchers.install(dir).python();
        assumeTrue(real.isPresent(), "python3 is not on PATH");
        var env = new HashMap<>(System.getenv());
        env.put("HEARTH_PYTHON", real.orElseThrow().toString());
        env.put("PATH", "");
        assertThat(RuntimeLaunchers.install(dir, env).python()).isEqualTo(real);
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RuntimeLaunchers.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
