package io.hearth.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 4 §1: the seccomp filter, seen from inside a sandbox, and its program as data. */
class SeccompTest {
    private static final String SYSCALLS = """
            python3 -c "
            import ctypes, os, threading, subprocess
            libc = ctypes.CDLL(None, use_errno=True)
            for name, nr in [('getpid', 39), ('keyctl', 250), ('bpf', 321), ('ptrace', 101), ('io_uring_setup', 425),
                             ('unshare', 272), ('setns', 308), ('mount', 165), ('clone3', 435), ('x32-getpid', 0x40000000 | 39)]:
                ctypes.set_errno(0)
                r = libc.syscall(nr, 0, 0, 0, 0, 0)
                print(name, 'ok' if r >= 0 else os.strerror(ctypes.get_errno()))
            t = threading.Thread(target=lambda: print('thread ok')); t.start(); t.join()
            print(subprocess.run(['echo', 'fork ok'], capture_output=True, text=True).stdout.strip())
            "
            """;

    private static IsolationFixture host;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SeccompFilter.supported(), "the filter is written for x86-64");
        host = new IsolationFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) host.close();
    }

    @Test
    void dangerousCallsAreRefusedAndOrdinaryOnesWork() throws Exception {
        var run = host.run(SYSCALLS, 256);
        assertThat(run.output().lines()).containsExactly("getpid ok", "keyctl Operation not permitted",
                "bpf Operation not permitted", "ptrace Operation not permitted",
                "io_uring_setup Operation not permitted", "unshare Operation not permitted",
                "setns Operation not permitted", "mount Operation not permitted", "clone3 Function not implemented",
                "x32-getpid Operation not permitted", "thread ok", "fork ok");
    }

    @Test
    void aUserNamespaceCannotBeCreated() throws Exception {
        var run = host.run("unshare --user --map-root-user id; unshare --net true; echo end", 128);
        assertThat(run.output()).contains("Operation not permitted").doesNotContain("uid=0").endsWith("end\n");
    }

    @Test
    void theDescriptionNamesTheFilter() {
        assertThat(host.isolation.description()).contains("seccomp filter of " + SeccompFilter.REFUSED.size() + " calls");
    }

    @Test
    void everyJumpLandsOnAReturnOrTheNextCheck() {
        byte[] program = SeccompFilter.program();
        var buf = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int count = program.length / 8;
        assertThat(program.length % 8).isZero();
        assertThat(count).isEqualTo(SeccompFilter.REFUSED.size() + 14);
        for (int i = 0; i < count; i++) {
            short code = buf.getShort(i * 8);
            int jt = buf.get(i * 8 + 2) & 0xff;
            int jf = buf.get(i * 8 + 3) & 0xff;
            if ((code & 0x07) == 0x05) {   // a conditional jump: both targets inside the program
                assertThat(i + 1 + jt).isLessThan(count);
                assertThat(i + 1 + jf).isLessThan(count);
            } else {
                assertThat(jt + jf).isZero();
            }
            if (i == count - 1) assertThat(code).isEqualTo((short) 0x06);
        }
    }
}
