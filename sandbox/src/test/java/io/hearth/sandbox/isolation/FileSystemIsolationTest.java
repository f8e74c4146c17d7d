package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 4 §2: what a function may and may not see of the host's files, from inside a real sandbox. */
class FileSystemIsolationTest {
    private static IsolationFixture host;

    @BeforeAll
    static void start() throws Exception {
        host = new IsolationFixture(s -> s.withTmpBytes(4L * 1024 * 1024));
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) host.close();
    }

    @Test
    void readingEtcShadowFails() throws Exception {
        var run = host.run("cat /etc/shadow && echo READ-SHADOW; id -u", 128);
        assertThat(run.output()).contains("Permission denied").doesNotContain("READ-SHADOW").contains("65534");
    }

    @Test
    void hearthsDataDirectoryIsEmptyInside() throws Exception {
        var run = host.run("ls -A " + host.data + "; cat " + host.data.resolve("secret.txt") + "; echo end", 128);
        assertThat(run.output()).doesNotContain(IsolationFixture.SECRET).doesNotContain("code-cache")
                .contains("No such file").endsWith("end\n");
    }

    @Test
    void anotherFunctionsCodeIsNotReachable() throws Exception {
        var run = host.run("cat " + host.otherCode.resolve("other.py") + "; ls /var/task; grep -r "
                + IsolationFixture.SECRET + " /var /tmp /run 2>/dev/null; ls -A " + host.data + "; echo end", 128);
        assertThat(run.output()).doesNotContain("OTHER =").contains("mine.txt").endsWith("end\n");
    }

    @Test
    void theCodeIsReadOnlyAtVarTask() throws Exception {
        var run = host.run("cat /var/task/mine.txt; echo x > /var/task/new.txt || echo WRITE-REFUSED; "
                + "echo x > /var/task/mine.txt || echo OVERWRITE-REFUSED; pwd", 128);
        assertThat(run.output()).startsWith("mine\n").contains("WRITE-REFUSED", "OVERWRITE-REFUSED")
                .contains("Read-only file system").endsWith("/var/task\n");
    }

    @Test
    void tmpIsWritableAndBounded() throws Exception {
        var run = host.run("head -c 1048576 /dev/zero > /tmp/one && echo ONE-MB-WRITTEN; "
                + "head -c 8388608 /dev/zero > /tmp/eight || echo EIGHT-MB-REFUSED; df -k /tmp | tail -1", 128);
        assertThat(run.output()).contains("ONE-MB-WRITTEN", "EIGHT-MB-REFUSED", "No space left on device")
                .contains(" 4096 ");
    }

    @Test
    void secretsAndServiceSocketsOfTheHostAreHidden() throws Exception {
        var run = host.run("ls -A /root /home /run /var /srv /mnt; ls /run/postgresql; echo end", 128);
        assertThat(run.output()).contains("/var:\nruntime\ntask\n").contains("/run:\nhearth\n")
                .contains("/run/postgresql': No such file").endsWith("end\n");
    }

    @Test
    void theRuntimeRunsAsAnUnprivilegedUidWithNoCapabilitiesAndNoNewPrivileges() throws Exception {
        var run = host.run("id -u; id -g; grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs)' /proc/self/status",
                128);
        assertThat(run.output()).startsWith("65534\n65534\n").contains("NoNewPrivs:\t1")
                .contains("CapEff:\t0000000000000000", "CapPrm:\t0000000000000000", "CapBnd:\t0000000000000000",
                        "CapInh:\t0000000000000000", "CapAmb:\t0000000000000000");
    }
}
