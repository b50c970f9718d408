package io.meshlift.agent.coordinator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void doublesUpToTheMaximumWithJitterInTheUpperHalf() {
        Backoff lowest = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), bound -> 0);
        Backoff highest = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), bound -> bound - 1);

        assertThat(new long[] {
                    lowest.nextMillis(),
                    lowest.nextMillis(),
                    lowest.nextMillis(),
                    lowest.nextMillis(),
                    lowest.nextMillis()
                })
                .containsExactly(50, 100, 200, 400, 500);
        assertThat(new long[] {
                    highest.nextMillis(),
                    highest.nextMillis(),
                    highest.nextMillis(),
                    highest.nextMillis(),
                    highest.nextMillis()
                })
                .containsExactly(100, 200, 400, 800, 1000);
    }

    @Test
    void resetStartsAgainFromTheInitialWait() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60), bound -> bound - 1);
        for (int i = 0; i < 40; i++) {
            assertThat(backoff.nextMillis()).isBetween(1L, 60_000L);
        }

        backoff.reset();

        assertThat(backoff.nextMillis()).isEqualTo(100);
    }
}
