package io.hearth.sandbox.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.model.Runtime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java runtime's launch on this host's JDK (the one running the tests, named through
 * HEARTH_JDKS): the extracted jars, the exact command, and the class-data archive a launch uses
 * once it is made.
 */
class JavaLauncherTest {
    @TempDir Path dir;
    private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
    private Path home;
    private RuntimeLaunchers launchers;

    @BeforeEach
    void install() throws Exception {
        home = Path.of(System.getProperty("java.home")).toRealPath();
        assumeTrue(java.lang.Runtime.version().feature() >= 21, "the tests' JDK is older than 21");
        launchers = RuntimeLaunchers.install(dir, Map.of("PATH", "", "HEARTH_JDKS", home.toString()), held::add);
    }

    @Test
    void theRuntimeAndTheLambdaCoreJarAreExtractedSideBySide() throws Exception {
        Path jar = dir.resolve("java/hearth-runtime-java.jar");
        assertThat(jar).isRegularFile();
        assertThat(dir.resolve("java/aws-lambda-java-core-1.4.0.jar")).isRegularFile();
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("io/hearth/runtime/java/Main.class")).isNotNull();
        }
    }

    @Test
    void askingWhetherJavaCanBePooledStartsNoArchive() {
        assertThat(launchers.poolable(Runtime.Family.JAVA)).isTrue();
        assertThat(launchers.poolable(Runtime.Family.PROVIDED)).isFalse();
        assertThat(held).as("archive dumps asked for").isEmpty();
        launchers.commandFor(Runtime.JAVA_21, dir.resolve("code"), 512);
        assertThat(held).hasSize(1);
    }

    @Test
    void commandRunsTheRuntimeOnTheJdkWithAHeapOf85PercentOfTheMemory() {
        assertThat(launchers.commandFor(Runtime.JAVA_21, dir.resolve("code"), 512)).containsExactly(
                home.resolve("bin/java").toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "-Xmx435m",
                "-Dhearth.runtime.lambdaCore=" + dir.resolve("java/aws-lambda-java-core-1.4.0.jar"), "-cp",
                dir.resolve("java/hearth-runtime-java.jar").toString(), "io.hearth.runtime.java.Main");
        assertThat(launchers.commandFor(Runtime.JAVA_17, dir, 128)).contains("-Xmx108m");
        assertThat(launchers.genericCommand(Runtime.Family.JAVA, 1024).orElseThrow()).contains("-Xmx870m")
                .first().isEqualTo(home.resolve("bin/java").toString());
        assertThat(RuntimeLaunchers.sizedAtStart(Runtime.Family.JAVA)).isTrue();
        assertThat(RuntimeLaunchers.sizedAtStart(Runtime.Family.PYTHON)).isFalse();
    }

    @Test
    void aLaunchUsesTheClassDataArchiveOnceItIsMadeAndNeverAStaleOne() throws Exception {
        Path stale = Files.writeString(dir.resolve("java/hearth-runtime-0123456789abcdef.jsa"), "an old archive");
        var before = launchers.commandFor(Runtime.JAVA_21, dir, 256);
        assertThat(before).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        assertThat(held).as("the first Java command started the archive (in the background)").hasSize(1);
        assertThat(launchers.commandFor(Runtime.JAVA_25.javaFeature() <= java.lang.Runtime.version().feature()
                ? Runtime.JAVA_25 : Runtime.JAVA_21, dir, 256)).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        assertThat(held).as("one archive per JDK").hasSize(1);

        held.poll().run();

        assertThat(launchers.javaArchiveMade(Runtime.JAVA_21)).isDone();
        var after = launchers.commandFor(Runtime.JAVA_21, dir, 256);
        String flag = after.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).findFirst().orElseThrow();
        Path archive = Path.of(flag.substring(flag.indexOf('=') + 1));
        assertThat(archive.getParent()).isEqualTo(dir.resolve("java"));
        assertThat(archive.getFileName().toString()).matches("hearth-runtime-[0-9a-f]{16}\\.jsa");
        assertThat(Files.getPosixFilePermissions(archive).toString()).contains("OTHERS_READ");
        assertThat(stale).as("an archive of another jar or JDK is removed").doesNotExist();
        try (var files = Files.list(dir.resolve("java"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary files left")
                    .allSatisfy(n -> assertThat(n).doesNotStartWith("."));
        }

        // the JVM maps it: -Xshare:on refuses to start otherwise; the runtime's own classes come from it
        assertThat(after.get(after.size() - 4)).startsWith("-Dhearth.runtime.lambdaCore=");
        var run = new ArrayList<>(after.subList(0, after.size() - 3));
        run.addAll(List.of("-Xshare:on", "-Xlog:class+load=info"));
        run.addAll(after.subList(after.size() - 3, after.size()));
        run.add("--train");
        Process p = new ProcessBuilder(run).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("io.hearth.runtime.java.Main source: shared objects file")
                .doesNotContain("[error]").doesNotContain("[warning][cds");

        // a new install of the same jar and JDK finds the archive at once
        var again = RuntimeLaunchers.install(dir, Map.of("PATH", "", "HEARTH_JDKS", home.toString()), held::add);
        assertThat(again.commandFor(Runtime.JAVA_21, dir, 128)).contains(flag);
        assertThat(held).isEmpty();
    }

    @Test
    void aFailedDumpLeavesLaunchesWithoutAnArchive() throws Exception {
        // a JDK whose java cannot run: the training run fails, one line is said, nothing is left behind
        Path fake = dir.resolve("fake-jdk");
        Files.createDirectories(fake.resolve("bin"));
        Files.writeString(fake.resolve("release"), "JAVA_VERSION=\"99.0.1\"\n");
        Path java = Files.writeString(fake.resolve("bin/java"), "#!/bin/sh\necho broken >&2\nexit 3\n");
        java.toFile().setExecutable(true);
        var broken = RuntimeLaunchers.install(dir, Map.of("PATH", "", "HEARTH_JDKS", fake.toString()), Runnable::run);

        var command = broken.commandFor(Runtime.JAVA_21, dir, 128);

        assertThat(command.getFirst()).isEqualTo(fake.toRealPath().resolve("bin/java").toString());
        assertThat(command).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        assertThat(broken.javaArchiveMade(Runtime.JAVA_21)).isDone();
        assertThat(broken.commandFor(Runtime.JAVA_21, dir, 128)).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        try (var files = Files.list(dir.resolve("java"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "hearth-runtime-java.jar", "aws-lambda-java-core-1.4.0.jar");
        }
    }
}
