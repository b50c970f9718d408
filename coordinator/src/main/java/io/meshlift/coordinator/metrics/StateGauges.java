package io.meshlift.coordinator.metrics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.agent.AgentState;
import io.meshlift.coordinator.control.AgentConnections;
import io.meshlift.coordinator.job.JobState;
import io.meshlift.coordinator.transfer.TransferState;
import io.meshlift.core.metrics.MeshliftMetric;

/**
 * The gauges of the coordinator. Those read from the database come from a snapshot refreshed on a timer
 * of their own ({@code coordinator.metrics.refresh-interval}), so a scrape costs no query and a slow
 * database never slows a scrape; one series per state is registered up front, so a state nobody is in
 * reads 0 instead of vanishing.
 */
@ApplicationScoped
class StateGauges {

    private static final Logger LOG = Logger.getLogger(StateGauges.class);

    private final MeterRegistry registry;
    private final StateCounts counts;
    private final AgentConnections connections;
    private final MetricsConfig config;
    private final AtomicReference<StateSnapshot> snapshot = new AtomicReference<>(StateSnapshot.EMPTY);
    private ScheduledExecutorService timer;

    StateGauges(MeterRegistry registry, StateCounts counts, AgentConnections connections, MetricsConfig config) {
        this.registry = registry;
        this.counts = counts;
        this.connections = connections;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        for (JobState state : JobState.values()) {
            stateGauge(MeshliftMetric.COORDINATOR_JOBS, state.name(), s -> s.jobs(state.name()));
        }
        for (TransferState state : TransferState.values()) {
            stateGauge(MeshliftMetric.COORDINATOR_TRANSFERS, state.name(), s -> s.transfers(state.name()));
        }
        for (AgentState state : AgentState.values()) {
            stateGauge(MeshliftMetric.COORDINATOR_AGENTS, state.name(), s -> s.agents(state.name()));
        }
        Gauge.builder(
                        MeshliftMetric.COORDINATOR_ASSIGNMENT_QUEUE.metricName(),
                        snapshot,
                        s -> s.get().assignmentQueue())
                .description(MeshliftMetric.COORDINATOR_ASSIGNMENT_QUEUE.description())
                .register(registry);
        Gauge.builder(
                        MeshliftMetric.COORDINATOR_CONTROL_STREAMS.metricName(),
                        connections,
                        c -> c.connectedAgents().size())
                .description(MeshliftMetric.COORDINATOR_CONTROL_STREAMS.description())
                .register(registry);
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "meshlift-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.refreshInterval().toMillis();
        timer.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Reads the counts now; the timer calls it, and tests that must not wait for the next tick. */
    void refresh() {
        try {
            snapshot.set(counts.read());
        } catch (RuntimeException e) {
            // The gauges keep their last values; the readiness check reports the database itself.
            LOG.warnf("cannot refresh the state gauges from the database: %s", e.getMessage());
        }
    }

    private void stateGauge(
            MeshliftMetric metric, String state, java.util.function.ToDoubleFunction<StateSnapshot> value) {
        Gauge.builder(metric.metricName(), snapshot, s -> value.applyAsDouble(s.get()))
                .description(metric.description())
                .tag("state", state)
                .register(registry);
    }
}
