package io.meshlift.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, from {@code /proc/<pid>/stat} (utime + stime, fields 14 and 15). Its own
 * threads only: the coordinator starts no child processes. Linux only.
 */
public final class ProcessCpu {

    /** USER_HZ, the unit of utime/stime; 100 on every Linux architecture Meshlift runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {}

    /** Seconds of CPU (user + system) the process used since it started. */
    public static double seconds(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/stat (process gone?)", e);
        }
        // The command name (field 2) may contain spaces and parentheses: split after its closing ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / TICKS_PER_SECOND;
    }

    /** The 1, 5 and 15 minute load averages of the machine, as {@code /proc/loadavg} prints them. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
