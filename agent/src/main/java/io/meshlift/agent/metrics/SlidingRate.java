package io.meshlift.agent.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Bytes per second over the last {@code window} whole seconds, from one-second buckets: cheap to add to
 * on every chunk (no lock), and a scrape reads a figure that does not depend on how often it scrapes.
 * The current, unfinished second is left out so the figure does not dip at the start of each second.
 */
final class SlidingRate {

    private final int window;
    private final LongSupplier clockMillis;
    private final AtomicLongArray seconds;
    private final AtomicLongArray bytes;

    SlidingRate(int windowSeconds, LongSupplier clockMillis) {
        this.window = windowSeconds;
        this.clockMillis = clockMillis;
        // One more bucket than the window: the second being filled.
        this.seconds = new AtomicLongArray(windowSeconds + 1);
        this.bytes = new AtomicLongArray(windowSeconds + 1);
    }

    void add(long count) {
        long second = clockMillis.getAsLong() / 1000;
        int slot = (int) (second % seconds.length());
        long stamped = seconds.get(slot);
        if (stamped != second && seconds.compareAndSet(slot, stamped, second)) {
            bytes.set(slot, 0);
        }
        bytes.addAndGet(slot, count);
    }

    /** Bytes per second over the last {@code window} complete seconds. */
    double perSecond() {
        long now = clockMillis.getAsLong() / 1000;
        long total = 0;
        for (int i = 0; i < seconds.length(); i++) {
            long second = seconds.get(i);
            if (second < now && second >= now - window) {
                total += bytes.get(i);
            }
        }
        return (double) total / window;
    }
}
