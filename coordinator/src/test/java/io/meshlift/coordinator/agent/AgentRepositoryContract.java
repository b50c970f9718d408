package io.meshlift.coordinator.agent;

import java.time.Instant;
import java.util.UUID;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent registry against a real database; run on H2 and PostgreSQL by the subclasses. */
abstract class AgentRepositoryContract {

    @Inject
    AgentFixtures fixtures;

    @Inject
    AgentRepository agents;

    @Test
    void keepsAnAgentsVolumesAsJson() {
        String id = "dc1-" + UUID.randomUUID().toString().substring(0, 8);
        Instant seen = Instant.parse("2030-01-02T03:04:05.123456Z");
        fixtures.register(id, seen, new AgentVolume("data", 10, 100), new AgentVolume("logs", 0, 5));

        Agent agent = QuarkusTransaction.requiringNew().call(() -> agents.findById(id));

        assertThat(agent.volumes).containsExactly(new AgentVolume("data", 10, 100), new AgentVolume("logs", 0, 5));
        assertThat(agent.lastSeen).isEqualTo(seen);
        assertThat(agent.state).isEqualTo(AgentState.ONLINE);
    }

    @Test
    void listsAgentsById() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        fixtures.register("zz-" + suffix, Instant.now());
        fixtures.register("aa-" + suffix, Instant.now());

        assertThat(QuarkusTransaction.requiringNew().call(agents::listById))
                .extracting(a -> a.id)
                .containsSubsequence("aa-" + suffix, "zz-" + suffix)
                .isSorted();
    }
}
