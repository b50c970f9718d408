package io.meshlift.agent.transfer;

import java.util.concurrent.TimeUnit;

/**
 * Token bucket over bytes per second. Callers pay for a chunk before requesting it, so the cap holds
 * for received data without buffering. A rate of 0 means unlimited. Burst is one second of rate.
 */
public final class BandwidthLimiter {

    public static final BandwidthLimiter UNLIMITED = new BandwidthLimiter(0);

    private final long bytesPerSecond;
    private double tokens;
    private long lastRefillNanos = System.nanoTime();

    public BandwidthLimiter(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth limit cannot be negative");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
    }

    public boolean unlimited() {
        return bytesPerSecond == 0;
    }

    /** Blocks until {@code bytes} may be received. A request larger than the burst runs the bucket into debt. */
    public void acquire(long bytes) throws InterruptedException {
        if (unlimited()) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            refill();
            tokens -= bytes;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / bytesPerSecond * 1e9);
        }
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(bytesPerSecond, tokens + (now - lastRefillNanos) / 1e9 * bytesPerSecond);
        lastRefillNanos = now;
    }
}
