package io.meshlift.coordinator.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

import io.meshlift.coordinator.plan.Plan;
import io.meshlift.coordinator.plan.PlanRepository;
import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferRepository;
import io.meshlift.coordinator.transfer.TransferState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Plans, jobs and transfers against a real database; run on H2 and PostgreSQL by the subclasses. */
abstract class JobRepositoryContract {

    @Inject
    JobFixtures fixtures;

    @Inject
    PlanRepository plans;

    @Inject
    JobRepository jobs;

    @Inject
    TransferRepository transfers;

    @Test
    void storesThePlanFileVerbatim() {
        UUID id = fixtures.plan();

        Plan plan = QuarkusTransaction.requiringNew().call(() -> plans.findById(id));

        assertThat(plan.yaml).isEqualTo(JobFixtures.PLAN_YAML);
        assertThat(plan.name).isEqualTo("fixture");
    }

    @Test
    void keepsJobTimestampsToTheMicrosecond() {
        UUID id = fixtures.job();
        Instant started = Instant.parse("2030-01-02T03:04:05.123456Z");
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = jobs.require(id);
            job.state = JobState.RUNNING;
            job.startedAt = started;
        });

        Job job = QuarkusTransaction.requiringNew().call(() -> jobs.require(id));

        assertThat(job.state).isEqualTo(JobState.RUNNING);
        assertThat(job.startedAt).isEqualTo(started);
        assertThat(job.createdAt).isEqualTo(job.createdAt.truncatedTo(ChronoUnit.MICROS));
        assertThat(job.version).isEqualTo(1);
    }

    @Test
    void aStaleJobUpdateLosesToTheOneBeforeIt() {
        UUID id = fixtures.job();
        Job stale = QuarkusTransaction.requiringNew().call(() -> jobs.require(id));
        QuarkusTransaction.requiringNew().run(() -> jobs.require(id).state = JobState.CANCELLED);

        stale.state = JobState.RUNNING;
        Throwable thrown = catchThrowable(() -> QuarkusTransaction.requiringNew()
                .run(() -> jobs.getEntityManager().merge(stale)));

        assertThat(causes(thrown)).anyMatch(OptimisticLockException.class::isInstance);
        assertThat(QuarkusTransaction.requiringNew().call(() -> jobs.require(id)).state)
                .isEqualTo(JobState.CANCELLED);
    }

    @Test
    void listsAJobsTransfersInAStableOrder() {
        UUID job = fixtures.job();
        UUID first = fixtures.transfer(job);
        UUID second = QuarkusTransaction.requiringNew().call(() -> {
            Transfer t = new Transfer();
            t.id = UUID.randomUUID();
            t.jobId = job;
            t.dataset = "billing-backups";
            t.sourceAgent = "dc1-db-01";
            t.sourceVolume = "data";
            t.sourcePath = "backups/billing";
            t.destinationAgent = "dc2-db-02";
            t.destinationVolume = "data";
            t.destinationPath = "backups/billing";
            t.state = TransferState.PENDING;
            transfers.persist(t);
            return t.id;
        });

        assertThat(QuarkusTransaction.requiringNew().call(() -> transfers.listByJob(job)))
                .extracting(t -> t.id)
                .containsExactly(first, second);
    }

    @Test
    void refusesASecondTransferToTheSameDestination() {
        UUID job = fixtures.job();
        fixtures.transfer(job);

        Throwable thrown = catchThrowable(() -> fixtures.transfer(job));

        assertThat(causes(thrown))
                .anyMatch(e -> e instanceof ConstraintViolationException violation
                        && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE);
    }

    static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable e = thrown; e != null && !chain.contains(e); e = e.getCause()) {
            chain.add(e);
        }
        return chain;
    }
}
