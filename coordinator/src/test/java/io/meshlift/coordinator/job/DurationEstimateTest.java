package io.meshlift.coordinator.job;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationEstimateTest {

    @Test
    void thePlansBandwidthLimitComesFirstRoundedUp() {
        assertThat(DurationEstimate.of(1001, 100, OptionalLong.of(1)))
                .isEqualTo(new DurationEstimate(11L, "bandwidth-limit", 100L));
    }

    @Test
    void withoutALimitTheMeasuredRateIsUsed() {
        assertThat(DurationEstimate.of(1000, 0, OptionalLong.of(250)))
                .isEqualTo(new DurationEstimate(4L, "measured-rate", 250L));
    }

    @Test
    void withNeitherTheEstimateIsUnknownNotInvented() {
        DurationEstimate estimate = DurationEstimate.of(1000, 0, OptionalLong.empty());

        assertThat(estimate.seconds()).isNull();
        assertThat(estimate.bytesPerSecond()).isNull();
        assertThat(estimate.basis()).isEqualTo("unknown");
    }

    @Test
    void nothingToMoveTakesNoTime() {
        assertThat(DurationEstimate.of(0, 0, OptionalLong.empty()).seconds()).isZero();
    }
}
