package io.meshlift.coordinator.metrics;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Metrics of the coordinator (docs/operations.md). docs/configuration.md lists every key. */
@ConfigMapping(prefix = "coordinator.metrics")
public interface MetricsConfig {

    /**
     * How often the gauges read from the database (jobs, transfers, agents by state, the assignment queue)
     * are refreshed. A scrape reads the last snapshot and never waits on the database.
     */
    @WithDefault("10s")
    Duration refreshInterval();
}
