package io.meshlift.agent.transfer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BandwidthLimiterTest {

    /**
     * A lower bound only: the limiter may never let bytes through faster than its rate (after the
     * one-second burst). A slow machine makes this slower, never faster, so it cannot flake.
     */
    @Test
    void neverReleasesMoreThanRatePlusOneSecondOfBurst() throws InterruptedException {
        long rate = 4 << 20;
        BandwidthLimiter limiter = new BandwidthLimiter(rate);
        long start = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            limiter.acquire(rate / 4);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(seconds).as("3 s worth of bytes, 1 s of burst").isGreaterThanOrEqualTo(1.9);
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        BandwidthLimiter.UNLIMITED.acquire(Long.MAX_VALUE);

        assertThat(BandwidthLimiter.UNLIMITED.unlimited()).isTrue();
    }

    @Test
    void rejectsNegativeRates() {
        assertThatThrownBy(() -> new BandwidthLimiter(-1)).hasMessageContaining("negative");
    }
}
