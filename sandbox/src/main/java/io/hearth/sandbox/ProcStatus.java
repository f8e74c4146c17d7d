package io.hearth.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's peak resident set size from {@code /proc/PID/status} (VmHWM). */
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
}
