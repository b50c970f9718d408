package io.meshlift.coordinator.report;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.PostgresTestProfile;
import io.meshlift.coordinator.agent.Agent;
import io.meshlift.coordinator.agent.AgentFixtures;
import io.meshlift.coordinator.agent.AgentRepository;
import io.meshlift.coordinator.agent.AgentService;
import io.meshlift.coordinator.agent.AgentState;
import io.meshlift.coordinator.transfer.TransferReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports as signs of life, on a real PostgreSQL: an agent busy sending reports has its heartbeats
 * queued behind them on its stream, and must not be swept OFFLINE (its stream closed) by any replica
 * meanwhile.
 */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
class ReportServicePostgresTest {

    @Inject
    ReportService reports;

    @Inject
    AgentService agentService;

    @Inject
    AgentFixtures fixtures;

    @Inject
    AgentRepository agents;

    @Test
    void anAppliedReportKeepsABusyAgentOnlineThroughTheHeartbeatSweep() {
        String id = "busy-" + UUID.randomUUID().toString().substring(0, 8);
        Instant lastHeartbeat = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MICROS);
        fixtures.register(id, lastHeartbeat);

        long acknowledged = reports.apply(
                id, new TransferReport(1, UUID.randomUUID() + "/1", new TransferReport.Progress(1, 10, 100, 1000)));
        // The sweep's cutoff: three missed heartbeats of 5 s ago.
        var swept = agentService.markOffline(Instant.now().minus(Duration.ofSeconds(15)));

        assertThat(acknowledged).isEqualTo(1);
        assertThat(swept).doesNotContain(id);
        Agent agent = QuarkusTransaction.requiringNew().call(() -> agents.findById(id));
        assertThat(agent.state).isEqualTo(AgentState.ONLINE);
        assertThat(agent.lastSeen).isAfter(lastHeartbeat);
        assertThat(agent.lastReportId).isEqualTo(1);
    }

    @Test
    void aReplayedReportIsNoSignOfLifeAndChangesNothing() {
        String id = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.register(id, Instant.now().truncatedTo(ChronoUnit.MICROS));
        TransferReport report =
                new TransferReport(1, UUID.randomUUID() + "/1", new TransferReport.Progress(1, 10, 100, 1000));
        reports.apply(id, report);
        Agent before = QuarkusTransaction.requiringNew().call(() -> agents.findById(id));

        assertThat(reports.apply(id, report)).isEqualTo(1);

        Agent after = QuarkusTransaction.requiringNew().call(() -> agents.findById(id));
        assertThat(after.version).isEqualTo(before.version);
        assertThat(after.lastSeen).isEqualTo(before.lastSeen);
    }
}
