package io.hearth.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads what the JDK does not tell about a process: its peak resident set size
 * ({@code /proc/PID/status}, VmHWM) and whether it has ended ({@code /proc/PID/stat}'s state).
 */
final class ProcStatus {
    private ProcStatus() {}

    static int peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    return (int) Math.max(1, (kb + 1023) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // process gone or /proc unavailable: report unknown as 0
        }
        return 0;
    }

    /**
     * Whether {@code p} has ended: gone, or a zombie (dead, waiting for its parent to reap it:
     * {@link ProcessHandle#isAlive} still says alive then, and for a process whose parent died
     * the reaping is up to the host's init, on its own schedule).
     */
    static boolean ended(ProcessHandle p) {
        if (!p.isAlive()) return true;
        try {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return !p.isAlive();
        }
    }
}
