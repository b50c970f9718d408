package io.meshlift.coordinator.job;

import java.util.OptionalLong;

/**
 * How long moving some bytes would take, and what the figure rests on. Never invented: without a plan
 * bandwidth limit and without any measured rate, the estimate is unknown (null seconds) and says why.
 *
 * @param seconds null when unknown
 * @param basis {@code bandwidth-limit}, {@code measured-rate}, {@code nothing-to-move} or {@code unknown}
 * @param bytesPerSecond the rate used; null when unknown
 */
public record DurationEstimate(Long seconds, String basis, Long bytesPerSecond) {

    static final String UNKNOWN_REASON = "unknown: the plan sets no bandwidth limit and no transfer has measured"
            + " a rate recently; run a job to measure one";

    /**
     * @param bandwidthLimit the plan's cap in bytes/s, 0 when none; a cap is what the transfer gets at most,
     *     so the estimate is a lower bound when the link or disks are slower
     * @param measuredRate mean of recently measured transfer rates, if any
     */
    static DurationEstimate of(long bytes, long bandwidthLimit, OptionalLong measuredRate) {
        if (bytes == 0) {
            return new DurationEstimate(0L, "nothing-to-move", null);
        }
        if (bandwidthLimit > 0) {
            return new DurationEstimate(ceilDiv(bytes, bandwidthLimit), "bandwidth-limit", bandwidthLimit);
        }
        if (measuredRate.isPresent() && measuredRate.getAsLong() > 0) {
            long rate = measuredRate.getAsLong();
            return new DurationEstimate(ceilDiv(bytes, rate), "measured-rate", rate);
        }
        return new DurationEstimate(null, "unknown", null);
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }
}
