package io.meshlift.coordinator.transfer;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransferRateTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void theFirstIntervalIsTakenAsMeasured() {
        assertThat(TransferRate.next(0, 0, null, 1_000, T0)).isZero();
        assertThat(TransferRate.next(0, 1_000, T0, 11_000, T0.plusSeconds(2))).isEqualTo(5_000);
    }

    @Test
    void laterIntervalsAreSmoothed() {
        long rate = TransferRate.next(5_000, 0, T0, 20_000, T0.plusSeconds(1));
        assertThat(rate).isEqualTo(Math.round(0.3 * 20_000 + 0.7 * 5_000));
    }

    @Test
    void aNewAttemptStartsOverAndBurstsOfReportsKeepTheRate() {
        assertThat(TransferRate.next(5_000, 10_000, T0, 0, T0.plusSeconds(1))).isZero();
        assertThat(TransferRate.next(5_000, 10_000, T0, 90_000, T0.plusMillis(50)))
                .isEqualTo(5_000);
    }

    @Test
    void secondsLeftRoundUpAndAreUnknownWithoutARate() {
        assertThat(TransferRate.secondsLeft(0, 10_001, 1_000)).isEqualTo(11);
        assertThat(TransferRate.secondsLeft(0, 10_000, 0)).isNull();
        assertThat(TransferRate.secondsLeft(10_000, 10_000, 1_000)).isNull();
    }
}
