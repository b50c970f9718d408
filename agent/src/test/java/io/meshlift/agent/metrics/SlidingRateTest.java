package io.meshlift.agent.metrics;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SlidingRate rate = new SlidingRate(10, now::get);

    @Test
    void averagesTheCompleteSecondsOfTheWindow() {
        rate.add(4_000);
        now.addAndGet(1000);
        rate.add(6_000);
        now.addAndGet(1000);

        assertThat(rate.perSecond()).isEqualTo(1_000.0);
    }

    @Test
    void leavesTheSecondBeingFilledOut() {
        rate.add(5_000);

        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void forgetsWhatIsOlderThanTheWindow() {
        rate.add(10_000);
        now.addAndGet(11_000);
        rate.add(2_000);
        now.addAndGet(1000);

        assertThat(rate.perSecond()).isEqualTo(200.0);
    }

    @Test
    void reusesABucketForALaterSecond() {
        rate.add(10_000);
        now.addAndGet(11_000); // same bucket (11 buckets), eleven seconds later
        rate.add(1_000);
        now.addAndGet(1000);

        assertThat(rate.perSecond()).isEqualTo(100.0);
    }
}
