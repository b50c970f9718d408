package io.meshlift.coordinator.transfer;

import java.time.Duration;
import java.time.Instant;

/**
 * The rate shown for a transfer: bytes per second between two progress reports, smoothed so one
 * slow or fast interval does not make the figure (and the ETA derived from it) jump.
 */
public final class TransferRate {

    /** Weight of the newest interval; about the last five reports dominate. */
    static final double SMOOTHING = 0.3;

    /** Intervals shorter than this say more about report timing than about throughput. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(200);

    private TransferRate() {}

    /**
     * @param previousRate the rate so far (0 before the first measurement)
     * @param previousBytes bytes done at the previous report
     * @param previousAt when the previous report arrived, null before the first
     * @return the new smoothed rate; 0 again when the byte count went backwards (a new attempt)
     */
    public static long next(long previousRate, long previousBytes, Instant previousAt, long bytes, Instant now) {
        if (previousAt == null || bytes < previousBytes) {
            return 0;
        }
        Duration interval = Duration.between(previousAt, now);
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            return previousRate;
        }
        double seconds = interval.toNanos() / 1e9;
        double measured = (bytes - previousBytes) / seconds;
        double smoothed = previousRate == 0 ? measured : SMOOTHING * measured + (1 - SMOOTHING) * previousRate;
        return Math.round(smoothed);
    }

    /** Seconds left at this rate, or null when unknown (no rate yet) or nothing is left. */
    public static Long secondsLeft(long bytesDone, long bytesTotal, long rate) {
        long left = bytesTotal - bytesDone;
        if (rate <= 0 || left <= 0) {
            return null;
        }
        return (left + rate - 1) / rate;
    }
}
