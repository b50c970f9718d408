package io.meshlift.coordinator.swarm;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.agent.AgentRegistration;
import io.meshlift.coordinator.agent.AgentService;
import io.meshlift.coordinator.agent.AgentVolume;
import io.meshlift.coordinator.grant.GrantService;
import io.meshlift.coordinator.job.JobService;
import io.meshlift.coordinator.plan.PlanFixtures;
import io.meshlift.coordinator.plan.PlanService;
import io.meshlift.coordinator.transfer.AssignmentIds;
import io.meshlift.coordinator.transfer.AssignmentOrder;
import io.meshlift.coordinator.transfer.TransferLeases;
import io.meshlift.coordinator.transfer.TransferRepository;
import io.meshlift.core.grant.GrantKeys;
import io.meshlift.core.grant.GrantVerifier;
import io.meshlift.core.grant.PeerGrant;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracker against a real (H2) database, driven through the claims that send assignments. */
@QuarkusTest
class SwarmTrackerTest {

    @Inject
    TransferLeases leases;

    @Inject
    SwarmTracker tracker;

    @Inject
    SwarmQuarantines quarantines;

    @Inject
    AgentService agents;

    @Inject
    PlanService plans;

    @Inject
    JobService jobs;

    @Inject
    TransferRepository transfers;

    @Inject
    GrantService grants;

    private void start(String plan, String... ids) {
        int port = 18000;
        for (String id : ids) {
            agents.register(new AgentRegistration(
                    id, "test", List.of(new AgentVolume("data", 1, 2)), "127.0.0.1", port++, 8, 0));
        }
        jobs.start(plans.create(plan, "test").id());
    }

    private AssignmentOrder claim(String agent) {
        Instant now = Instant.now();
        List<AssignmentOrder> orders = leases.claim(agent, 8, "replica-swarm", now, now.plusSeconds(60));
        assertThat(orders).hasSize(1);
        return orders.get(0);
    }

    @Test
    void eachDestinationIsToldTheOtherActiveDestinationsWithGrantsForTheirCopies() {
        start(PlanFixtures.plan("swarm-on", "sw-src", "sw-d1", "sw-d2", "sw-d3"), "sw-src", "sw-d1", "sw-d2", "sw-d3");

        assertThat(claim("sw-d1").swarm()).as("nobody else has started yet").isEmpty();
        AssignmentOrder second = claim("sw-d2");
        assertThat(second.swarm()).extracting(SwarmMember::agentId).containsExactly("sw-d1");
        AssignmentOrder third = claim("sw-d3");
        assertThat(third.swarm()).extracting(SwarmMember::agentId).containsExactly("sw-d1", "sw-d2");

        SwarmMember d1 = third.swarm().get(0);
        assertThat(d1.port()).isEqualTo(18001);
        assertThat(d1.volume()).isEqualTo("data");
        assertThat(d1.path()).isEqualTo("backups/billing");
        // Checked exactly as the member's peer server checks it: signed by this installation, naming the
        // member as source and the receiving destination as requester, covering the member's copy.
        PeerGrant grant = new GrantVerifier(
                        GrantKeys.publicKey(grants.publicKey()),
                        AgentId.of("sw-d1"),
                        Clock.systemUTC(),
                        GrantVerifier.DEFAULT_CLOCK_SKEW)
                .verify(d1.grant(), AgentId.of("sw-d3"), "data", RelativePath.parse("backups/billing/a.bin"));
        assertThat(grant.sourceVolume()).isEqualTo("data");
        assertThat(grant.sourcePrefix().toString()).isEqualTo("backups/billing");
        assertThat(grant.jobId()).isEqualTo(third.jobId().toString());

        assertThat(tracker.memberIds(second.assignmentId()))
                .as("the second destination's swarm grew when the third started")
                .contains(Set.of("sw-d1", "sw-d3"));
    }

    @Test
    void aQuarantinedMemberLeavesTheSwarmOfEveryDestination() {
        start(PlanFixtures.plan("swarm-q", "sq-src", "sq-d1", "sq-d2", "sq-d3"), "sq-src", "sq-d1", "sq-d2", "sq-d3");
        AssignmentOrder first = claim("sq-d1");
        claim("sq-d2");
        AssignmentOrder third = claim("sq-d3");

        UUID transferId = AssignmentIds.transferId(third.assignmentId()).orElseThrow();
        QuarkusTransaction.requiringNew()
                .run(() -> quarantines.record(
                        "sq-d3",
                        transfers.findById(transferId),
                        new SwarmQuarantines.Report("sq-d2", "a.bin", 3, "aa", "bb", Instant.now())));

        assertThat(tracker.memberIds(first.assignmentId())).contains(Set.of("sq-d3"));
        assertThat(tracker.memberIds(third.assignmentId())).contains(Set.of("sq-d1"));
    }

    @Test
    void swarmOffTellsNobodyAnything() {
        String plan = PlanFixtures.plan("swarm-off", "so-src", "so-d1", "so-d2")
                .replace("retries: 1 }", "retries: 1, swarm: false }");
        start(plan, "so-src", "so-d1", "so-d2");
        claim("so-d1");
        AssignmentOrder second = claim("so-d2");

        assertThat(second.swarm()).isEmpty();
        assertThat(tracker.memberIds(second.assignmentId())).isEqualTo(Optional.of(Set.of()));
    }
}
