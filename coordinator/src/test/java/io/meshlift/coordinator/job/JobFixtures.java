package io.meshlift.coordinator.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.meshlift.coordinator.plan.Plan;
import io.meshlift.coordinator.plan.PlanRepository;
import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferRepository;
import io.meshlift.coordinator.transfer.TransferState;

/** Plans, jobs and transfers stored for a test, each in its own committed transaction. */
@ApplicationScoped
public class JobFixtures {

    public static final String PLAN_YAML = """
            apiVersion: meshlift/v1
            kind: MigrationPlan
            metadata: { name: fixture }
            spec:
              datasets:
                - name: billing-backups
                  source: { agent: dc1-db-01, volume: data, path: backups/billing }
                  destinations:
                    - { agent: dc2-db-01, volume: data, path: backups/billing }
            """;

    private final PlanRepository plans;
    private final JobRepository jobs;
    private final TransferRepository transfers;

    JobFixtures(PlanRepository plans, JobRepository jobs, TransferRepository transfers) {
        this.plans = plans;
        this.jobs = jobs;
        this.transfers = transfers;
    }

    @Transactional
    public UUID plan() {
        Plan plan = new Plan();
        plan.id = UUID.randomUUID();
        plan.name = "fixture";
        plan.yaml = PLAN_YAML;
        plan.createdAt = now();
        plan.createdBy = "test";
        plans.persist(plan);
        return plan.id;
    }

    /** A PENDING job of a new plan. */
    @Transactional
    public UUID job() {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.planId = plan();
        job.state = JobState.PENDING;
        job.createdAt = now();
        jobs.persist(job);
        return job.id;
    }

    /** A PENDING transfer of dataset billing-backups from dc1-db-01 to dc2-db-01 in {@code jobId}. */
    @Transactional
    public UUID transfer(UUID jobId) {
        return transfer(jobId, "dc1-db-01", "dc2-db-01", TransferState.PENDING);
    }

    /** A transfer of dataset billing-backups between two agents, in the given state. */
    @Transactional
    public UUID transfer(UUID jobId, String sourceAgent, String destinationAgent, TransferState state) {
        Transfer transfer = new Transfer();
        transfer.id = UUID.randomUUID();
        transfer.jobId = jobId;
        transfer.dataset = "billing-backups";
        transfer.sourceAgent = sourceAgent;
        transfer.sourceVolume = "data";
        transfer.sourcePath = "backups/billing";
        transfer.destinationAgent = destinationAgent;
        transfer.destinationVolume = "data";
        transfer.destinationPath = "backups/billing";
        transfer.state = state;
        transfers.persist(transfer);
        return transfer.id;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
