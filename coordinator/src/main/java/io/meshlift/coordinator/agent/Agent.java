package io.meshlift.coordinator.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A registered agent. Rows are written by whichever replica holds the agent's control stream. */
@Entity
@Table(name = "agents")
public class Agent {

    /** The agent identity of its certificate (core {@code AgentId}). */
    @Id
    @Column(length = 63)
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public AgentState state;

    @Column(name = "last_seen")
    public Instant lastSeen;

    @Convert(converter = AgentVolumesConverter.class)
    @Column(nullable = false)
    public List<AgentVolume> volumes = new ArrayList<>();

    /** What the agent reported at registration. */
    @Column(name = "agent_version", length = 64)
    public String agentVersion;

    /** Where peers reach the agent's PeerTransfer service; null until it registers. */
    @Column(name = "peer_host")
    public String peerHost;

    @Column(name = "peer_port")
    public Integer peerPort;

    /** Pulls the agent runs at once, as it registered; null for "not said". */
    @Column(name = "max_concurrent_pulls")
    public Integer maxConcurrentPulls;

    /** Highest report id applied for this agent: reports are applied at most once. */
    @Column(name = "last_report_id", nullable = false)
    public long lastReportId;

    @Version
    @Column(nullable = false)
    public long version;
}
