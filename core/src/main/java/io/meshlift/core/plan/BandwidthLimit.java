package io.meshlift.core.plan;

import io.meshlift.core.units.ByteSize;

/**
 * A cap on the rate at which one destination of a dataset receives data, in bytes per second, or no cap.
 *
 * @param bytesPerSecond the cap; {@code 0} only for {@link #UNLIMITED}
 */
public record BandwidthLimit(long bytesPerSecond) {

    /** No cap: the transfer runs as fast as disks and links allow. */
    public static final BandwidthLimit UNLIMITED = new BandwidthLimit(0);

    /**
     * @throws IllegalArgumentException if {@code bytesPerSecond} is negative
     */
    public BandwidthLimit {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("a bandwidth limit cannot be negative: " + bytesPerSecond);
        }
    }

    /**
     * A finite cap.
     *
     * @throws IllegalArgumentException unless {@code bytesPerSecond} is positive; use {@link #UNLIMITED} for none
     */
    public static BandwidthLimit of(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("a bandwidth limit must be positive, got " + bytesPerSecond);
        }
        return new BandwidthLimit(bytesPerSecond);
    }

    /** Whether this is {@link #UNLIMITED}. */
    public boolean isUnlimited() {
        return bytesPerSecond == 0;
    }

    /** {@code unlimited} or e.g. {@code 200.0 MiB/s}. */
    @Override
    public String toString() {
        return isUnlimited() ? "unlimited" : ByteSize.format(bytesPerSecond) + "/s";
    }
}
