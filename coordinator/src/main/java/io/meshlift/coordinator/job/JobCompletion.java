package io.meshlift.coordinator.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.meshlift.coordinator.audit.LedgerKind;
import io.meshlift.coordinator.audit.LedgerService;
import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferRepository;
import io.meshlift.coordinator.transfer.TransferState;

/**
 * Decides whether a job is over once its transfers are: SUCCEEDED only when every transfer SUCCEEDED
 * (a transfer only gets there with the destination dataset digest equal to the source's and no file
 * recorded with differing digests), FAILED when any transfer ran out of retries, CANCELLED otherwise.
 * A running job is never ended while a transfer still runs: one failure does not stop the others.
 */
@ApplicationScoped
public class JobCompletion {

    private static final Logger LOG = Logger.getLogger(JobCompletion.class);

    private final JobRepository jobs;
    private final TransferRepository transfers;
    private final LedgerService ledger;

    JobCompletion(JobRepository jobs, TransferRepository transfers, LedgerService ledger) {
        this.jobs = jobs;
        this.transfers = transfers;
        this.ledger = ledger;
    }

    /**
     * Ends the job if all its transfers are terminal, in the caller's transaction, holding the job's row
     * lock so that two replicas finishing its last two transfers agree on one outcome.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void evaluate(UUID jobId) {
        Job job = jobs.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state.isTerminal()) {
            return;
        }
        List<Transfer> all = transfers.listByJob(jobId);
        Map<TransferState, Integer> counts = new EnumMap<>(TransferState.class);
        all.forEach(t -> counts.merge(t.state, 1, Integer::sum));
        if (all.isEmpty() || all.stream().anyMatch(t -> !t.state.isTerminal())) {
            return;
        }
        JobState outcome;
        if (counts.getOrDefault(TransferState.SUCCEEDED, 0) == all.size()) {
            outcome = JobState.SUCCEEDED;
        } else if (counts.getOrDefault(TransferState.FAILED, 0) > 0) {
            outcome = JobState.FAILED;
        } else {
            outcome = JobState.CANCELLED;
        }
        finish(job, outcome, counts);
    }

    /** Moves the job to a terminal state and appends {@link LedgerKind#JOB_FINISHED}, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finish(Job job, JobState outcome, Map<TransferState, Integer> counts) {
        job.state = outcome;
        job.finishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("jobId", job.id.toString());
        payload.put("planId", job.planId.toString());
        payload.put("pass", job.pass);
        payload.put("state", outcome.name());
        Map<String, Object> byState = new LinkedHashMap<>();
        counts.forEach((state, n) -> byState.put(state.name(), n));
        payload.put("transfers", byState);
        payload.put("finishedAt", job.finishedAt.toString());
        ledger.append(job.id, LedgerKind.JOB_FINISHED, payload);
        LOG.infof("job %s %s (%s)", job.id, outcome, byState);
    }
}
