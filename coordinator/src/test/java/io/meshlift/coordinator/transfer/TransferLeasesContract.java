package io.meshlift.coordinator.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.agent.AgentRegistration;
import io.meshlift.coordinator.agent.AgentService;
import io.meshlift.coordinator.agent.AgentVolume;
import io.meshlift.coordinator.job.JobService;
import io.meshlift.coordinator.plan.PlanFixtures;
import io.meshlift.coordinator.plan.PlanService;

import static org.assertj.core.api.Assertions.assertThat;

/** Claiming transfers against a real database; run on H2 and PostgreSQL by the subclasses. */
abstract class TransferLeasesContract {

    @Inject
    TransferLeases leases;

    @Inject
    AgentService agents;

    @Inject
    PlanService plans;

    @Inject
    JobService jobs;

    @Inject
    TransferRepository transfers;

    private UUID startJob(String destination) {
        String source = "lease-src";
        for (String id : List.of(source, destination)) {
            agents.register(new AgentRegistration(
                    id, "test", List.of(new AgentVolume("data", 1, 2)), "127.0.0.1", 17000, 8, 0));
        }
        UUID planId = plans.create(PlanFixtures.plan("leases", source, destination), "test")
                .id();
        return jobs.start(planId).id();
    }

    @Test
    void concurrentClaimsAssignATransferOnce() throws Exception {
        UUID jobId = startJob("lease-dst-race");
        Instant now = Instant.now();
        Callable<List<AssignmentOrder>> claim = () -> {
            try {
                return leases.claim(
                        "lease-dst-race", 8, "replica-" + Thread.currentThread().getId(), now, now.plusSeconds(30));
            } catch (RuntimeException lostTheOptimisticRace) {
                return List.of();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<AssignmentOrder> orders = new ArrayList<>();
        try {
            List<Future<List<AssignmentOrder>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(claim));
            }
            for (Future<List<AssignmentOrder>> result : results) {
                orders.addAll(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).jobId()).isEqualTo(jobId);
        assertThat(orders.get(0).assignmentId()).endsWith("/1");
        assertThat(orders.get(0).resend()).isFalse();
        assertThat(leases.claim("lease-dst-race", 8, "late", now, now.plusSeconds(30)))
                .isEmpty();
    }

    @Test
    void anExpiredLeaseIsReclaimedUnderTheSameAssignmentId() {
        startJob("lease-dst-expiry");
        Instant now = Instant.now();
        AssignmentOrder first = leases.claim("lease-dst-expiry", 8, "replica-a", now, now.plusSeconds(1))
                .get(0);

        assertThat(leases.expire(now.plus(Duration.ofSeconds(2)))).isGreaterThanOrEqualTo(1);
        List<AssignmentOrder> again = leases.claim("lease-dst-expiry", 8, "replica-b", now, now.plusSeconds(30));

        assertThat(again).hasSize(1);
        assertThat(again.get(0).assignmentId()).isEqualTo(first.assignmentId());
        assertThat(again.get(0).resend()).isTrue();
        UUID transferId = AssignmentIds.transferId(first.assignmentId()).orElseThrow();
        Transfer transfer = QuarkusTransaction.requiringNew().call(() -> transfers.findById(transferId));
        assertThat(transfer.leaseOwner).isEqualTo("replica-b");
        assertThat(transfer.attempts).isEqualTo(1);
        assertThat(transfer.state).isEqualTo(TransferState.ASSIGNED);
    }
}
