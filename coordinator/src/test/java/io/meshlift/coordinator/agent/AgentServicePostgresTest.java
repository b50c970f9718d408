package io.meshlift.coordinator.agent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.PostgresTestProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registration when another replica registers the same new agent at the same moment, on a real
 * PostgreSQL: the other replica's insert is held open on a connection of its own while this replica
 * registers, so both find no row to lock and both insert.
 */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
class AgentServicePostgresTest {

    @Inject
    AgentService service;

    @Inject
    AgentRepository agents;

    @Inject
    DataSource dataSource;

    @Test
    void aFirstRegistrationRacingAnotherReplicasInsertUpdatesTheRowInsteadOfFailing() throws Exception {
        String id = "race-" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService replica = Executors.newSingleThreadExecutor();
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement insert = otherReplica.prepareStatement(
                    "INSERT INTO agents (id, state, last_seen, volumes, version, last_report_id)"
                            + " VALUES (?, 'ONLINE', CURRENT_TIMESTAMP, '[]', 0, 0)")) {
                insert.setString(1, id);
                insert.executeUpdate();
            }

            Future<Long> registered = replica.submit(() -> service.register(new AgentRegistration(
                    id, "2.0.0", List.of(new AgentVolume("data", 1, 2)), "10.0.0.7", 7443, 3, 0)));
            await("the registration to wait on the other replica's uncommitted insert")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(this::someoneWaitsOnALock);
            otherReplica.commit();

            assertThat(registered.get(60, TimeUnit.SECONDS)).isZero();
        } finally {
            replica.shutdownNow();
        }

        Agent agent = QuarkusTransaction.requiringNew().call(() -> agents.findById(id));
        assertThat(agent.state).isEqualTo(AgentState.ONLINE);
        assertThat(agent.agentVersion).isEqualTo("2.0.0");
        assertThat(agent.peerHost).isEqualTo("10.0.0.7");
        assertThat(agent.peerPort).isEqualTo(7443);
        assertThat(agent.maxConcurrentPulls).isEqualTo(3);
        assertThat(agent.volumes).containsExactly(new AgentVolume("data", 1, 2));
    }

    private boolean someoneWaitsOnALock() throws SQLException {
        try (Connection probe = dataSource.getConnection();
                PreparedStatement query =
                        probe.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                + " AND datname = current_database()");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }
}
