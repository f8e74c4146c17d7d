package io.hearth.sandbox.isolation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seccomp filter every sandbox runs under (x86-64 only), as the classic BPF program
 * bubblewrap's {@code --seccomp FD} loads. It refuses, with {@code EPERM}, what a function has no
 * business doing and what widens the kernel's attack surface: new namespaces (unshare, setns, and
 * clone with any {@code CLONE_NEW*} flag; clone3, whose flags a filter cannot inspect, answers
 * {@code ENOSYS} so that libc falls back to clone), mounts and the new mount API, ptrace and
 * cross-process memory access, kernel modules and kexec, bpf, perf events, the kernel keyring,
 * userfaultfd, io_uring, file handles, swap, reboot, accounting, quotas, clock setting and raw
 * I/O ports. Any other ABI (i386, x32) is killed: its numbers would slip past the list.
 *
 * <p>Without a user namespace most of these need a capability the sandbox's uid never has; the
 * filter is the second wall, and the only one against creating a user namespace, which any
 * unprivileged process may otherwise do.
 */
final class SeccompFilter {
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int RET_ALLOW = 0x7FFF0000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int CLONE = 56;
    private static final int CLONE3 = 435;
    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET | NEWTIME. */
    private static final int CLONE_NEW_ANY = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
            | 0x20000000 | 0x40000000 | 0x00000080;

    /** Refused system calls by x86-64 number. */
    static final Map<Integer, String> REFUSED = refused();

    // classic BPF opcodes
    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short JSET_K = 0x45;
    private static final short RET_K = 0x06;

    private record Insn(short code, int jt, int jf, int k) {}

    private SeccompFilter() {}

    /** Whether this JVM's architecture is the one the filter is written for. */
    static boolean supported() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) || "x86_64".equals(arch);
    }

    /**
     * The program, as {@code struct sock_filter[]} in native (little-endian) byte order. Layout
     * (jumps are forward only, offsets relative to the next instruction):
     * <pre>
     *   0  ld arch;  1  jeq x86-64 ? 3 : 2;  2  ret KILL_PROCESS
     *   3  ld nr;    4  jge X32 bit → EPERM
     *   5… jeq refused[i] → EPERM                     (one per refused call)
     *   c  jeq clone → F;  c+1 jeq clone3 → ENOSYS;  c+2 ret ALLOW;  c+3 ret EPERM;  c+4 ret ENOSYS
     *   F  ld args[0] (low word);  F+1 jset CLONE_NEW* → F+3;  F+2 ret ALLOW;  F+3 ret EPERM
     * </pre>
     */
    static byte[] program() {
        var numbers = new ArrayList<>(REFUSED.keySet());
        int list = 5;
        int cloneAt = list + numbers.size();
        int eperm = cloneAt + 3;
        int enosys = cloneAt + 4;
        int flags = cloneAt + 5;
        var p = new ArrayList<Insn>();
        p.add(new Insn(LD_W_ABS, 0, 0, 4));
        p.add(new Insn(JEQ_K, 1, 0, AUDIT_ARCH_X86_64));
        p.add(new Insn(RET_K, 0, 0, RET_KILL_PROCESS));
        p.add(new Insn(LD_W_ABS, 0, 0, 0));
        p.add(new Insn(JGE_K, eperm - 5, 0, X32_SYSCALL_BIT));
        for (int nr : numbers) p.add(new Insn(JEQ_K, eperm - p.size() - 1, 0, nr));
        p.add(new Insn(JEQ_K, flags - cloneAt - 1, 0, CLONE));
        p.add(new Insn(JEQ_K, enosys - cloneAt - 2, 0, CLONE3));
        p.add(new Insn(RET_K, 0, 0, RET_ALLOW));
        p.add(new Insn(RET_K, 0, 0, RET_ERRNO | EPERM));
        p.add(new Insn(RET_K, 0, 0, RET_ERRNO | ENOSYS));
        p.add(new Insn(LD_W_ABS, 0, 0, 16));
        p.add(new Insn(JSET_K, 1, 0, CLONE_NEW_ANY));
        p.add(new Insn(RET_K, 0, 0, RET_ALLOW));
        p.add(new Insn(RET_K, 0, 0, RET_ERRNO | EPERM));
        return encode(p);
    }

    private static byte[] encode(List<Insn> program) {
        var buf = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (Insn i : program) {
            if (i.jt() < 0 || i.jt() > 255 || i.jf() < 0 || i.jf() > 255) {
                throw new IllegalStateException("seccomp jump out of range: " + i);
            }
            buf.putShort(i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
        }
        return buf.array();
    }

    private static Map<Integer, String> refused() {
        var m = new TreeMap<Integer, String>();
        m.put(101, "ptrace");
        m.put(103, "syslog");
        m.put(134, "uselib");
        m.put(153, "vhangup");
        m.put(155, "pivot_root");
        m.put(159, "adjtimex");
        m.put(163, "acct");
        m.put(164, "settimeofday");
        m.put(165, "mount");
        m.put(166, "umount2");
        m.put(167, "swapon");
        m.put(168, "swapoff");
        m.put(169, "reboot");
        m.put(170, "sethostname");
        m.put(171, "setdomainname");
        m.put(172, "iopl");
        m.put(173, "ioperm");
        m.put(174, "create_module");
        m.put(175, "init_module");
        m.put(176, "delete_module");
        m.put(179, "quotactl");
        m.put(212, "lookup_dcookie");
        m.put(227, "clock_settime");
        m.put(246, "kexec_load");
        m.put(248, "add_key");
        m.put(249, "request_key");
        m.put(250, "keyctl");
        m.put(272, "unshare");
        m.put(298, "perf_event_open");
        m.put(303, "name_to_handle_at");
        m.put(304, "open_by_handle_at");
        m.put(305, "clock_adjtime");
        m.put(308, "setns");
        m.put(310, "process_vm_readv");
        m.put(311, "process_vm_writev");
        m.put(312, "kcmp");
        m.put(313, "finit_module");
        m.put(320, "kexec_file_load");
        m.put(321, "bpf");
        m.put(323, "userfaultfd");
        m.put(425, "io_uring_setup");
        m.put(426, "io_uring_enter");
        m.put(427, "io_uring_register");
        m.put(428, "open_tree");
        m.put(429, "move_mount");
        m.put(430, "fsopen");
        m.put(431, "fsconfig");
        m.put(432, "fsmount");
        m.put(433, "fspick");
        m.put(442, "mount_setattr");
        return m;
    }
}
