package io.hearth.sandbox.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import io.hearth.model.Runtime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JDK discovery from fake JDK homes (a release file and an executable bin/java): no process is started. */
class JdkCatalogTest {
    @TempDir Path tmp;

    private Path jdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n"
                + "JAVA_VERSION_DATE=\"2025-04-15\"\n");
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\nexit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home.toRealPath();
    }

    private JdkCatalog discover(Map<String, String> env, Path own) {
        return JdkCatalog.discover(env, tmp.resolve("jvm"), own);
    }

    @Test
    void findsEveryJdkOnceAndPicksTheNewestRecentEnough() throws Exception {
        Path jvm = Files.createDirectories(tmp.resolve("jvm"));
        Path j17 = jdk(jvm.resolve("java-17-openjdk-amd64"), "17.0.15");
        Path j25old = jdk(jvm.resolve("temurin-25.0.1"), "25.0.1");
        Path j25 = jdk(jvm.resolve("temurin-25-jdk-amd64"), "25.0.3");
        Files.createSymbolicLink(jvm.resolve("java-1.17.0-openjdk-amd64"), j17);   // Debian's alias
        Files.createDirectories(jvm.resolve("openjdk-17")).resolve("src.zip");     // sources only: no release
        Path own = jdk(tmp.resolve("own"), "21.0.4");

        var catalog = discover(Map.of("PATH", ""), own);

        assertThat(catalog.all()).extracting(Jdk::home).containsExactly(j17, own, j25old, j25);
        assertThat(catalog.newest(21)).map(Jdk::home).contains(j25);
        assertThat(catalog.newest(25)).map(Jdk::version).contains("25.0.3");
        assertThat(catalog.newest(26)).isEmpty();
        assertThat(catalog.newest(17).orElseThrow().feature()).isEqualTo(25);
    }

    @Test
    void javaHomeAndTheJavaOnPathCountWithSymlinksResolved() throws Exception {
        Path home = jdk(tmp.resolve("opt/jdk-22"), "22.0.2");
        Path viaPath = jdk(tmp.resolve("elsewhere/jdk-23"), "23");
        Path bin = Files.createDirectories(tmp.resolve("usr-bin"));
        Files.createSymbolicLink(bin.resolve("java"), viaPath.resolve("bin/java"));
        Path own = jdk(tmp.resolve("own"), "17.0.1");

        var catalog = discover(Map.of("JAVA_HOME", home.toString(), "PATH", "/nonexistent:" + bin), own);

        assertThat(catalog.all()).extracting(Jdk::home).containsExactly(own, home, viaPath);
        assertThat(catalog.all()).extracting(Jdk::feature).containsExactly(17, 22, 23);
    }

    @Test
    void hearthJdksNamesTheOnlyCandidatesAndWhatIsNoJdkIsSaid() throws Exception {
        Path jvm = Files.createDirectories(tmp.resolve("jvm"));
        jdk(jvm.resolve("temurin-25"), "25.0.3");
        Path only = jdk(tmp.resolve("mine/jdk-21"), "21.0.8");
        Path notJdk = Files.createDirectories(tmp.resolve("mine/empty"));

        var catalog = discover(Map.of("HEARTH_JDKS", only + ":" + notJdk + ":" + tmp.resolve("gone"),
                "JAVA_HOME", jvm.resolve("temurin-25").toString()), jdk(tmp.resolve("own"), "25"));

        assertThat(catalog.all()).extracting(Jdk::home).containsExactly(only);
        assertThat(catalog.describe()).contains("21.0.8 (" + only + ")")
                .contains("not a JDK: " + notJdk + " (no release file)")
                .contains("not a JDK: " + tmp.resolve("gone") + " (does not exist)")
                .contains("HEARTH_JDKS=");
    }

    @Test
    void aJdk17OnlyHostRefusesEveryJavaRuntimeWithWhatItFound() throws Exception {
        Path j17 = jdk(tmp.resolve("jvm/java-17-openjdk-amd64"), "17.0.15");
        var catalog = discover(Map.of("PATH", ""), j17);
        var launcher = new JavaLauncher(catalog, tmp.resolve("runtime.jar"), null, Runnable::run);

        assertThat(launcher.generic(512)).as("no generic JVM: the pool skips java").isEmpty();
        assertThatThrownBy(() -> launcher.command(Runtime.JAVA_21, 128))
                .isInstanceOfSatisfying(HearthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE))
                .hasMessageStartingWith("runtime java21 needs a JDK 21 or later; found: 17.0.15 (" + j17 + ")");
        assertThatThrownBy(() -> launcher.command(Runtime.JAVA_17, 128))
                .hasMessageStartingWith("runtime java17 needs a JDK 21 or later (Hearth's Java runtime is built for "
                        + "Java 21); found: 17.0.15 (" + j17 + ")");
        assertThatThrownBy(() -> launcher.command(Runtime.JAVA_25, 128))
                .hasMessageStartingWith("runtime java25 needs a JDK 25 or later; found: 17.0.15");
    }

    @Test
    void aHostWithoutAnyJdkSaysWhereItLooked() {
        var catalog = discover(Map.of("PATH", ""), tmp.resolve("no-such-home"));
        assertThat(catalog.all()).isEmpty();
        assertThat(catalog.describe()).startsWith("no JDK (looked in " + tmp.resolve("jvm") + ", JAVA_HOME");
    }

    @Test
    void unreadableVersionsAndOldNamingAreHandled() throws Exception {
        Path j8 = jdk(tmp.resolve("jvm/jdk8"), "1.8.0_402");
        Path odd = tmp.resolve("jvm/odd");
        jdk(odd, "x");
        Path noJava = jdk(tmp.resolve("jvm/nojava"), "21");
        Files.delete(noJava.resolve("bin/java"));

        var catalog = discover(Map.of("PATH", ""), j8);

        assertThat(catalog.all()).singleElement().satisfies(j -> {
            assertThat(j.home()).isEqualTo(j8);
            assertThat(j.feature()).isEqualTo(8);
        });
        assertThat(Jdk.featureOf("25")).isEqualTo(25);
        assertThat(Jdk.featureOf("21-ea")).isEqualTo(21);
        assertThat(Jdk.featureOf("")).isEqualTo(-1);
    }
}
