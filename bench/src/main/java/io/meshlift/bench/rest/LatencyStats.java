package io.meshlift.bench.rest;

import java.util.Arrays;

/**
 * Latencies of one endpoint, measured from each request's intended send time. Percentiles are exact
 * (nearest rank over every sample), not from a histogram.
 */
public final class LatencyStats {

    private long[] nanos = new long[1024];
    private int count;
    private int errors;
    private String firstError;

    synchronized void record(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    synchronized void error(String description) {
        errors++;
        if (firstError == null) {
            firstError = description;
        }
    }

    public synchronized int count() {
        return count;
    }

    public synchronized int errors() {
        return errors;
    }

    public synchronized String firstError() {
        return firstError;
    }

    /** The {@code percentile} (0..100) latency in milliseconds; NaN without samples. */
    public synchronized double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    public synchronized double maxMillis() {
        long max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, nanos[i]);
        }
        return max / 1e6;
    }
}
