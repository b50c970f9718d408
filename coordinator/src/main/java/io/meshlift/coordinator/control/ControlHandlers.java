package io.meshlift.coordinator.control;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import io.meshlift.coordinator.agent.AgentService;
import io.meshlift.coordinator.grant.GrantService;
import io.meshlift.coordinator.report.ReportService;
import io.meshlift.coordinator.transfer.TransferEngine;
import io.meshlift.core.pki.AgentId;

/** What a control stream needs from the rest of the coordinator. */
record ControlHandlers(
        AgentService agents,
        ReportService reports,
        TransferEngine engine,
        AgentConnections connections,
        GrantService grants,
        String replicaId,
        Duration heartbeatInterval,
        int outboundQueue,
        ControlAuth auth,
        Supplier<Set<AgentId>> revoked) {}
