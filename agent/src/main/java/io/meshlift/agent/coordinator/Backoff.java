package io.meshlift.agent.coordinator;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Exponential reconnect backoff with jitter: the n-th wait is drawn from [base/2, base], base =
 * min(max, initial * 2^n), so agents cut off together do not all return at the same instant.
 * Not thread-safe (the link thread owns it).
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final LongUnaryOperator random;
    private int failures;

    /** @param random given n, a uniformly drawn number from 0 (inclusive) to n (exclusive) */
    Backoff(Duration initial, Duration max, LongUnaryOperator random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
    }

    long nextMillis() {
        long base = initialMillis << Math.min(failures, 30);
        if (base <= 0 || base > maxMillis) {
            base = maxMillis;
        }
        failures++;
        long half = base / 2;
        return half + random.applyAsLong(base - half + 1);
    }

    void reset() {
        failures = 0;
    }
}
