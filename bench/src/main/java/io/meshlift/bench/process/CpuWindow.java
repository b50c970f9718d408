package io.meshlift.bench.process;

import java.time.Duration;

/**
 * CPU a process used over a steady window, as a percentage of one core: 100% means one core fully busy
 * for the whole window.
 *
 * @param cpuSeconds utime + stime spent during the window
 * @param wallSeconds length of the window
 */
public record CpuWindow(double cpuSeconds, double wallSeconds) {

    /** Measures {@code pid} over {@code window} (the calling thread sleeps meanwhile). */
    public static CpuWindow measure(long pid, Duration window) {
        double cpuBefore = ProcessCpu.seconds(pid);
        long start = System.nanoTime();
        Pause.of(window);
        double cpuAfter = ProcessCpu.seconds(pid);
        double wall = (System.nanoTime() - start) / 1e9;
        return new CpuWindow(cpuAfter - cpuBefore, wall);
    }

    public double percentOfOneCore() {
        return 100.0 * cpuSeconds / wallSeconds;
    }
}
