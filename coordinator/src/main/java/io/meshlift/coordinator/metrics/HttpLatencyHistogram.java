package io.meshlift.coordinator.metrics;

import java.time.Duration;
import java.util.stream.Stream;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes REST latencies as a histogram ({@code http_server_requests_seconds_bucket}) so dashboards can
 * compute percentiles across replicas; Micrometer records only count, sum and max by default. A dozen
 * fixed buckets rather than Micrometer's ~70 keep the series count per route small.
 */
@Singleton
class HttpLatencyHistogram {

    private static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    private static final double[] BUCKETS_NANOS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToDouble(millis -> Duration.ofMillis(millis).toNanos())
            .toArray();

    @Produces
    @Singleton
    MeterFilter httpServerRequestsHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals(HTTP_SERVER_REQUESTS)) {
                    return DistributionStatisticConfig.builder()
                            .serviceLevelObjectives(BUCKETS_NANOS)
                            .build()
                            .merge(config);
                }
                return config;
            }
        };
    }
}
