package io.meshlift.quickstart;

import java.time.Duration;

/** The launcher's one way to wait between polls; an interrupt (Ctrl-C) ends the run. */
final class Pause {

    private Pause() {}

    static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuickstartException("interrupted");
        }
    }
}
