package io.meshlift.agent.metrics;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

import io.meshlift.agent.coordinator.CoordinatorLink;
import io.meshlift.agent.peer.PeerCounters;
import io.meshlift.agent.transfer.TransferMetrics;
import io.meshlift.core.metrics.MeshliftMetric;

/**
 * The agent's Prometheus metrics: the pull engine reports through {@link TransferMetrics}, and what other
 * parts already count (chunks served, the coordinator link, the report outbox) is read when scraped.
 */
// Created at start-up, not at first use, so every series is scraped (at 0) before the first event.
@Startup
@ApplicationScoped
public class AgentMetrics implements TransferMetrics {

    /** Seconds over which {@link MeshliftMetric#AGENT_TRANSFER_RATE} is averaged. */
    static final int RATE_WINDOW_SECONDS = 10;

    /** Chunks are served only to destinations holding a grant; the swarm adds peers that relay. */
    private static final String SERVED_TO = "destination";

    private final Counter[] bytesReceived = new Counter[PeerRole.values().length];
    private final Counter chunksVerified;
    private final Counter chunksRejected;
    private final Counter filesVerified;
    private final AtomicInteger pullsActive = new AtomicInteger();
    private final AtomicLong chunkRequestsInFlight = new AtomicLong();
    private final AtomicInteger peersQuarantined = new AtomicInteger();
    private final SlidingRate rate = new SlidingRate(RATE_WINDOW_SECONDS, System::currentTimeMillis);

    AgentMetrics(MeterRegistry registry, PeerCounters served, Instance<CoordinatorLink> link) {
        for (PeerRole role : PeerRole.values()) {
            bytesReceived[role.ordinal()] = Counter.builder(MeshliftMetric.AGENT_BYTES_RECEIVED.metricName())
                    .description(MeshliftMetric.AGENT_BYTES_RECEIVED.description())
                    .tag("peer_role", role.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        FunctionCounter.builder(MeshliftMetric.AGENT_BYTES_SENT.metricName(), served, PeerCounters::bytesServed)
                .description(MeshliftMetric.AGENT_BYTES_SENT.description())
                .tag("peer_role", SERVED_TO)
                .register(registry);
        chunksVerified = counter(registry, MeshliftMetric.AGENT_CHUNKS_VERIFIED);
        chunksRejected = counter(registry, MeshliftMetric.AGENT_CHUNKS_REJECTED);
        filesVerified = counter(registry, MeshliftMetric.AGENT_FILES_VERIFIED);
        gauge(registry, MeshliftMetric.AGENT_PULLS_ACTIVE, pullsActive, AtomicInteger::get);
        gauge(registry, MeshliftMetric.AGENT_CHUNK_REQUESTS_IN_FLIGHT, chunkRequestsInFlight, AtomicLong::get);
        gauge(registry, MeshliftMetric.AGENT_PEERS_QUARANTINED, peersQuarantined, AtomicInteger::get);
        gauge(registry, MeshliftMetric.AGENT_TRANSFER_RATE, rate, SlidingRate::perSecond);
        // Looked up when scraped: the link starts after the metrics and may be absent (no coordinator).
        gauge(
                registry,
                MeshliftMetric.AGENT_CONTROL_CHANNEL_CONNECTED,
                link,
                l -> l.isResolvable() && l.get().status().connected() ? 1 : 0);
        gauge(
                registry,
                MeshliftMetric.AGENT_REPORTS_BUFFERED,
                link,
                l -> l.isResolvable() ? l.get().status().pendingReports() : 0);
    }

    @Override
    public void pullStarted() {
        pullsActive.incrementAndGet();
    }

    @Override
    public void pullEnded() {
        pullsActive.decrementAndGet();
    }

    @Override
    public void chunkRequested() {
        chunkRequestsInFlight.incrementAndGet();
    }

    @Override
    public void chunkAnswered() {
        chunkRequestsInFlight.decrementAndGet();
    }

    @Override
    public void chunkVerified(PeerRole role, long bytes) {
        chunksVerified.increment();
        bytesReceived[role.ordinal()].increment(bytes);
        rate.add(bytes);
    }

    @Override
    public void chunkRejected() {
        chunksRejected.increment();
    }

    @Override
    public void fileVerified() {
        filesVerified.increment();
    }

    @Override
    public void peersQuarantined(int count) {
        peersQuarantined.set(count);
    }

    private static Counter counter(MeterRegistry registry, MeshliftMetric metric) {
        return Counter.builder(metric.metricName())
                .description(metric.description())
                .register(registry);
    }

    private static <T> void gauge(
            MeterRegistry registry, MeshliftMetric metric, T state, java.util.function.ToDoubleFunction<T> value) {
        Gauge.builder(metric.metricName(), state, value)
                .description(metric.description())
                .strongReference(true)
                .register(registry);
    }
}
