package io.meshlift.coordinator.transfer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.meshlift.coordinator.audit.FileRecordRepository;
import io.meshlift.coordinator.audit.LedgerKind;
import io.meshlift.coordinator.audit.LedgerService;
import io.meshlift.coordinator.config.CoordinatorConfig;
import io.meshlift.coordinator.job.Job;
import io.meshlift.coordinator.job.JobCompletion;
import io.meshlift.coordinator.job.JobRepository;
import io.meshlift.coordinator.logging.TransferLogContext;
import io.meshlift.coordinator.plan.PlanService;
import io.meshlift.core.plan.DatasetSpec;
import io.meshlift.core.plan.TransferSettings;

/**
 * Applies what agents report to transfers: progress, completion (with the digest check that decides
 * success), refusal, and retries with backoff. Every method runs in the caller's transaction, which also
 * advances the agent's report id, so a report changes state exactly once.
 *
 * <p>A report counts only for the assignment currently out for its transfer: a late report about an
 * earlier attempt updates nothing (its files are still recorded, see {@code ReportService}).
 */
@ApplicationScoped
public class TransferEngine {

    private static final Logger LOG = Logger.getLogger(TransferEngine.class);

    private final TransferRepository transfers;
    private final JobRepository jobs;
    private final PlanService plans;
    private final JobCompletion completion;
    private final LedgerService ledger;
    private final FileRecordRepository files;
    private final CoordinatorConfig config;

    TransferEngine(
            TransferRepository transfers,
            JobRepository jobs,
            PlanService plans,
            JobCompletion completion,
            LedgerService ledger,
            FileRecordRepository files,
            CoordinatorConfig config) {
        this.transfers = transfers;
        this.jobs = jobs;
        this.plans = plans;
        this.completion = completion;
        this.ledger = ledger;
        this.files = files;
        this.config = config;
    }

    /**
     * The transfer an assignment id names, if {@code agentId} is its destination; empty (and logged)
     * otherwise, so that an agent can never report about someone else's transfer.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Transfer> reportedBy(String agentId, String assignmentId) {
        Optional<Transfer> transfer = AssignmentIds.transferId(assignmentId).flatMap(transfers::findByIdOptional);
        if (transfer.isEmpty()) {
            LOG.warnf("agent %s reported about unknown assignment %s; ignored", agentId, assignmentId);
            return Optional.empty();
        }
        if (!transfer.get().destinationAgent.equals(agentId)) {
            LOG.warnf(
                    "agent %s reported about assignment %s, which belongs to agent %s; ignored",
                    agentId, assignmentId, transfer.get().destinationAgent);
            return Optional.empty();
        }
        TransferLogContext.transfer(transfer.get().id, transfer.get().jobId, transfer.get().dataset);
        return transfer;
    }

    /**
     * What to tell an agent about the assignments its heartbeat says it runs: cancel those that are no
     * longer current (cancelled job, superseded attempt, unknown), pause those of paused jobs. This is how
     * a cancel or pause requested on another replica reaches the agent.
     */
    // A transaction of its own: heartbeats arrive on gRPC threads, which have no request context, so
    // SUPPORTS would leave the repository without a session.
    @Transactional
    public List<AgentLink.Instruction> reconcile(String agentId, List<String> runningAssignments) {
        List<AgentLink.Instruction> instructions = new ArrayList<>();
        for (String assignmentId : runningAssignments) {
            Optional<Transfer> transfer = AssignmentIds.transferId(assignmentId)
                    .flatMap(transfers::findByIdOptional)
                    .filter(t -> t.destinationAgent.equals(agentId));
            if (transfer.isEmpty()
                    || !assignmentId.equals(transfer.get().assignmentId)
                    || transfer.get().state.isTerminal()) {
                instructions.add(new AgentLink.Instruction(AgentLink.AgentCommand.CANCEL, assignmentId));
            } else if (transfer.get().state == TransferState.PAUSED) {
                instructions.add(new AgentLink.Instruction(AgentLink.AgentCommand.PAUSE, assignmentId));
            }
        }
        return instructions;
    }

    /** The incremental pass of the transfer's job. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int pass(Transfer transfer) {
        return jobs.require(transfer.jobId).pass;
    }

    /** Applies one report in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String agentId, TransferReport report) {
        if (report.body() == null) {
            return;
        }
        Optional<Transfer> reported = reportedBy(agentId, report.assignmentId());
        if (report.body() instanceof TransferReport.Deleted d) {
            // Recorded even from a superseded attempt: the removal has happened either way.
            reported.ifPresent(t -> deleted(agentId, t, d));
            return;
        }
        Optional<Transfer> found = reported.filter(t -> isCurrent(t, report));
        if (found.isEmpty()) {
            return;
        }
        Transfer transfer = found.get();
        TransferReport.Body body = report.body();
        if (body instanceof TransferReport.Progress p) {
            progress(transfer, p, now());
        } else if (body instanceof TransferReport.FileVerified f) {
            fileVerified(transfer, f);
        } else if (body instanceof TransferReport.Finished f) {
            finished(transfer, f);
        } else if (body instanceof TransferReport.Refused r) {
            refused(transfer, r);
        }
    }

    private static boolean isCurrent(Transfer transfer, TransferReport report) {
        boolean current = report.assignmentId().equals(transfer.assignmentId) && !transfer.state.isTerminal();
        if (!current) {
            LOG.debugf(
                    "report %d about assignment %s is stale (transfer %s is %s, assignment %s); state unchanged",
                    report.reportId(), report.assignmentId(), transfer.id, transfer.state, transfer.assignmentId);
        }
        return current;
    }

    private static void progress(Transfer transfer, TransferReport.Progress p, Instant now) {
        transfer.rateBytesPerSecond = TransferRate.next(
                transfer.rateBytesPerSecond, transfer.bytesDone, transfer.progressAt, p.bytesDone(), now);
        transfer.progressAt = now;
        transfer.filesDone = p.filesDone();
        transfer.filesTotal = p.filesTotal();
        transfer.bytesDone = p.bytesDone();
        transfer.bytesTotal = p.bytesTotal();
        if (transfer.state == TransferState.ASSIGNED) {
            transfer.state = TransferState.RUNNING;
        }
    }

    private static void fileVerified(Transfer transfer, TransferReport.FileVerified f) {
        if (f.failed()) {
            transfer.lastError = "file " + f.path() + " failed verification on " + transfer.destinationAgent + ": "
                    + (f.error() == null || f.error().isEmpty() ? "no reason given" : f.error());
        }
    }

    private void finished(Transfer transfer, TransferReport.Finished f) {
        String state = f.state() == null ? "" : f.state().toUpperCase(Locale.ROOT);
        switch (state) {
            case "SUCCEEDED" -> succeeded(transfer, f);
            case "CANCELLED" -> fail(transfer, "the agent cancelled the transfer" + reason(f.error()));
            default -> fail(transfer, "the transfer failed on " + transfer.destinationAgent + reason(f.error()));
        }
        completion.evaluate(transfer.jobId);
    }

    private void succeeded(Transfer transfer, TransferReport.Finished f) {
        String source = normalise(f.sourceDigest());
        String destination = normalise(f.destinationDigest());
        transfer.sourceDigest = source.isEmpty() ? null : source;
        transfer.destinationDigest = destination.isEmpty() ? null : destination;
        if (source.isEmpty() || !source.equals(destination)) {
            fail(
                    transfer,
                    "destination dataset digest '" + destination + "' does not match the source's '" + source + "'");
            return;
        }
        long mismatches = files.count("transferId = ?1 and sourceSha256 <> destinationSha256", transfer.id);
        if (mismatches > 0) {
            fail(transfer, mismatches + " file(s) were recorded with a destination digest differing from the source's");
            return;
        }
        // Success means every file is in the audit, not only that the agent says so: a report lost on
        // the way (a crash between agent and database) sends the transfer round again, and the agent's
        // re-run reports every file, now unchanged, until the records are complete.
        long recorded = files.count("transferId = ?1 and pass = ?2", transfer.id, pass(transfer));
        if (recorded < transfer.filesTotal) {
            fail(
                    transfer,
                    "only " + recorded + " of " + transfer.filesTotal
                            + " files have a verified record in the audit; copying again to complete it");
            return;
        }
        transfer.filesDone = Math.max(transfer.filesDone, transfer.filesTotal);
        transfer.bytesDone = Math.max(transfer.bytesDone, transfer.bytesTotal);
        finish(transfer, TransferState.SUCCEEDED, null);
    }

    private void refused(Transfer transfer, TransferReport.Refused r) {
        // Back to the queue with the reason; the backoff keeps a persistent refusal from looping fast.
        transfer.lastError = "refused by " + transfer.destinationAgent + reason(r.reason());
        transfer.state = TransferState.PENDING;
        transfer.leaseOwner = null;
        transfer.leaseUntil = null;
        transfer.assignmentId = null;
        transfer.nextAttemptAt = now().plus(backoff(Math.max(1, transfer.attempts - transfer.failures)));
        LOG.infof("transfer %s: %s", transfer.id, transfer.lastError);
    }

    /** A failed attempt: retried after a backoff while the plan's retries last, else FAILED. */
    private void fail(Transfer transfer, String error) {
        transfer.lastError = error;
        transfer.leaseOwner = null;
        transfer.leaseUntil = null;
        transfer.assignmentId = null;
        transfer.failures++;
        int retries = settings(transfer).retries();
        if (transfer.failures > retries) {
            finish(transfer, TransferState.FAILED, error);
            return;
        }
        transfer.state = TransferState.PENDING;
        transfer.nextAttemptAt = now().plus(backoff(transfer.failures));
        LOG.infof(
                "transfer %s attempt %d failed (%s); retry %d of %d at %s",
                transfer.id, transfer.attempts, error, transfer.failures, retries, transfer.nextAttemptAt);
    }

    /**
     * Moves a transfer to a terminal state and appends {@link LedgerKind#TRANSFER_FINISHED}, in the caller's
     * transaction. The caller evaluates the job's completion.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finish(Transfer transfer, TransferState state, String error) {
        transfer.state = state;
        transfer.finishedAt = now();
        transfer.leaseOwner = null;
        transfer.leaseUntil = null;
        transfer.nextAttemptAt = null;
        if (error != null) {
            transfer.lastError = error;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("transferId", transfer.id.toString());
        payload.put("dataset", transfer.dataset);
        payload.put("source", transfer.sourceAgent + ":" + transfer.sourceVolume + ":" + transfer.sourcePath);
        payload.put(
                "destination",
                transfer.destinationAgent + ":" + transfer.destinationVolume + ":" + transfer.destinationPath);
        payload.put("state", state.name());
        payload.put("attempts", transfer.attempts);
        payload.put("failures", transfer.failures);
        payload.put("filesDone", transfer.filesDone);
        payload.put("bytesDone", transfer.bytesDone);
        payload.put("sourceDigest", transfer.sourceDigest == null ? "" : transfer.sourceDigest);
        payload.put("destinationDigest", transfer.destinationDigest == null ? "" : transfer.destinationDigest);
        payload.put("error", transfer.lastError == null ? "" : transfer.lastError);
        payload.put("finishedAt", transfer.finishedAt.toString());
        ledger.append(transfer.jobId, LedgerKind.TRANSFER_FINISHED, payload);
        LOG.infof("transfer %s (%s to %s) %s", transfer.id, transfer.dataset, transfer.destinationAgent, state);
    }

    /**
     * A removal under deleteExtraneous goes to the ledger as it is reported: the agent has already
     * removed the entry, so the record must exist whatever becomes of the transfer.
     */
    private void deleted(String agentId, Transfer transfer, TransferReport.Deleted d) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("transferId", transfer.id.toString());
        payload.put("dataset", transfer.dataset);
        payload.put(
                "destination",
                transfer.destinationAgent + ":" + transfer.destinationVolume + ":" + transfer.destinationPath);
        payload.put("pass", pass(transfer));
        payload.put("path", d.path());
        payload.put("type", d.type());
        payload.put("size", d.size());
        payload.put("deletedAt", d.deletedAt().toString());
        payload.put("deletedBy", agentId);
        ledger.append(transfer.jobId, LedgerKind.FILE_DELETED, payload);
    }

    /** The effective settings of the transfer's dataset in its job's plan. */
    @Transactional(Transactional.TxType.MANDATORY)
    public TransferSettings settings(Transfer transfer) {
        Job job = jobs.require(transfer.jobId);
        return plans.parsed(job.planId)
                .dataset(transfer.dataset)
                .map(DatasetSpec::settings)
                .orElse(TransferSettings.BUILT_IN);
    }

    /** The dataset {@code name} of a stored plan, or null if the plan has none (never for our transfers). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DatasetSpec dataset(UUID planId, String name) {
        return plans.parsed(planId).dataset(name).orElse(null);
    }

    Duration backoff(int attempts) {
        Duration base = config.jobs().retryBackoff();
        Duration max = config.jobs().maxRetryBackoff();
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private static String reason(String error) {
        return error == null || error.isEmpty() ? "" : ": " + error;
    }

    private static String normalise(String digest) {
        return digest == null ? "" : digest.trim().toLowerCase(Locale.ROOT);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
