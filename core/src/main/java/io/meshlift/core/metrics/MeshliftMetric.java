package io.meshlift.core.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Every metric Meshlift registers, with its Micrometer name, type and tags. The Prometheus series name
 * is derived the way Micrometer's Prometheus registry does it (dots become underscores, counters gain
 * {@code _total}), and {@code docs/operations/grafana-meshlift.json} may reference only those series
 * and {@link #BUILT_IN_SERIES}.
 */
public enum MeshliftMetric {
    COORDINATOR_JOBS(
            Component.COORDINATOR,
            "meshlift.coordinator.jobs",
            Type.GAUGE,
            "Jobs by state, from the database",
            "state"),
    COORDINATOR_TRANSFERS(
            Component.COORDINATOR,
            "meshlift.coordinator.transfers",
            Type.GAUGE,
            "Transfers by state, from the database",
            "state"),
    COORDINATOR_AGENTS(
            Component.COORDINATOR,
            "meshlift.coordinator.agents",
            Type.GAUGE,
            "Registered agents by state (ONLINE, OFFLINE), from the database",
            "state"),
    COORDINATOR_ASSIGNMENT_QUEUE(
            Component.COORDINATOR,
            "meshlift.coordinator.assignment.queue",
            Type.GAUGE,
            "PENDING transfers of RUNNING jobs: waiting for an assignment"),
    COORDINATOR_CONTROL_STREAMS(
            Component.COORDINATOR,
            "meshlift.coordinator.control.streams",
            Type.GAUGE,
            "Agent control streams open on this replica"),
    COORDINATOR_REPORTS_RECEIVED(
            Component.COORDINATOR,
            "meshlift.coordinator.reports.received",
            Type.COUNTER,
            "Agent reports received on this replica, replays included",
            "kind"),
    COORDINATOR_FILES_VERIFIED(
            Component.COORDINATOR,
            "meshlift.coordinator.files.verified",
            Type.COUNTER,
            "File records stored whose destination digest equals the source digest"),
    COORDINATOR_FILES_MISMATCHED(
            Component.COORDINATOR,
            "meshlift.coordinator.files.mismatched",
            Type.COUNTER,
            "File records stored whose destination digest differs from the source digest"),
    COORDINATOR_LEDGER_APPENDS(
            Component.COORDINATOR,
            "meshlift.coordinator.ledger.appends",
            Type.COUNTER,
            "Audit ledger records committed by this replica",
            "kind"),

    AGENT_BYTES_RECEIVED(
            Component.AGENT,
            "meshlift.agent.bytes.received",
            Type.COUNTER,
            "Verified chunk bytes received, by the role of the peer that sent them",
            "peer_role"),
    AGENT_BYTES_SENT(
            Component.AGENT,
            "meshlift.agent.bytes.sent",
            Type.COUNTER,
            "Chunk bytes served, by the role of the peer that asked for them",
            "peer_role"),
    AGENT_CHUNKS_VERIFIED(
            Component.AGENT, "meshlift.agent.chunks.verified", Type.COUNTER, "Chunks fetched whose SHA-256 matched"),
    AGENT_CHUNKS_REJECTED(
            Component.AGENT,
            "meshlift.agent.chunks.rejected",
            Type.COUNTER,
            "Chunks fetched whose SHA-256 did not match: discarded, fetched again"),
    AGENT_FILES_VERIFIED(
            Component.AGENT,
            "meshlift.agent.files.verified",
            Type.COUNTER,
            "Files copied, verified and renamed into place"),
    AGENT_PULLS_ACTIVE(Component.AGENT, "meshlift.agent.pulls.active", Type.GAUGE, "Pulls running on this agent"),
    AGENT_CHUNK_REQUESTS_IN_FLIGHT(
            Component.AGENT,
            "meshlift.agent.chunk.requests.in.flight",
            Type.GAUGE,
            "Chunk requests sent to peers and not answered yet"),
    AGENT_TRANSFER_RATE(
            Component.AGENT,
            "meshlift.agent.transfer.rate.bytes.per.second",
            Type.GAUGE,
            "Verified bytes received per second, over the last 10 seconds"),
    AGENT_PEERS_QUARANTINED(
            Component.AGENT,
            "meshlift.agent.peers.quarantined",
            Type.GAUGE,
            "Peers this agent stopped fetching from after they sent bad chunks (swarm; 0 until it exists)"),
    AGENT_CONTROL_CHANNEL_CONNECTED(
            Component.AGENT,
            "meshlift.agent.control.channel.connected",
            Type.GAUGE,
            "1 while the control stream to the coordinator is established, else 0"),
    AGENT_REPORTS_BUFFERED(
            Component.AGENT,
            "meshlift.agent.reports.buffered",
            Type.GAUGE,
            "Reports stored in the outbox, not yet acknowledged by the coordinator");

    /**
     * Series the dashboard may use that Quarkus registers itself: REST latencies of the coordinator's
     * HTTP server (quarkus-micrometer's Vert.x binder, with a histogram enabled by the coordinator).
     */
    public static final Set<String> BUILT_IN_SERIES = Set.of(
            "http_server_requests_seconds_count",
            "http_server_requests_seconds_sum",
            "http_server_requests_seconds_bucket");

    /** Which process registers a metric. */
    public enum Component {
        COORDINATOR,
        AGENT
    }

    public enum Type {
        COUNTER,
        GAUGE
    }

    private final Component component;
    private final String metricName;
    private final Type type;
    private final String description;
    private final List<String> tags;

    MeshliftMetric(Component component, String metricName, Type type, String description, String... tags) {
        this.component = component;
        this.metricName = metricName;
        this.type = type;
        this.description = description;
        this.tags = List.of(tags);
    }

    public Component component() {
        return component;
    }

    /** The Micrometer name, dotted. */
    public String metricName() {
        return metricName;
    }

    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }

    /** The tag keys every series of this metric carries. */
    public List<String> tags() {
        return tags;
    }

    /** The series name Prometheus scrapes: dots become underscores; counters end in {@code _total}. */
    public String prometheusName() {
        String base = metricName.replace('.', '_');
        return type == Type.COUNTER ? base + "_total" : base;
    }

    /** The metrics {@code component} registers. */
    public static List<MeshliftMetric> of(Component component) {
        return Arrays.stream(values()).filter(m -> m.component == component).toList();
    }
}
