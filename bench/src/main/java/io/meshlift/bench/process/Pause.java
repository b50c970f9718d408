package io.meshlift.bench.process;

import java.time.Duration;

/** Sleeps of a benchmark's timeline (warm-up, measurement windows); interruption ends the run. */
public final class Pause {

    private Pause() {}

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static void of(Duration duration) {
        millis(duration.toMillis());
    }
}
