package io.meshlift.coordinator.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.agent.Agent;
import io.meshlift.coordinator.agent.AgentRepository;
import io.meshlift.coordinator.agent.AgentState;
import io.meshlift.coordinator.audit.FileRecordConflictException;
import io.meshlift.coordinator.audit.FileRecordService;
import io.meshlift.coordinator.audit.FileReport;
import io.meshlift.coordinator.audit.LedgerKind;
import io.meshlift.coordinator.audit.LedgerService;
import io.meshlift.coordinator.logging.TransferLogContext;
import io.meshlift.coordinator.metrics.CoordinatorMetrics;
import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferEngine;
import io.meshlift.coordinator.transfer.TransferReport;

/**
 * Applies agents' reports at most once per (agent, report id), then tells the caller which id to
 * acknowledge. Agents send reports in increasing id order on one stream and replay unacknowledged ones
 * after a reconnect, so the agent row's {@code last_report_id} is a high-water mark: a report at or below
 * it is a replay.
 *
 * <p>The mark is advanced by a conditional update in the same transaction as the report's effect on its
 * transfer, first thing, so two replicas racing on the same replayed report serialise on the agent's row
 * and the second one applies nothing. A verified file is stored before that transaction by
 * {@link FileRecordService}, which is itself idempotent per (transfer, path, pass): a crash in between
 * makes the replay find the file already recorded.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);
    private static final int ATTEMPTS = 3;

    private final AgentRepository agents;
    private final TransferEngine engine;
    private final FileRecordService files;
    private final LedgerService ledger;
    private final CoordinatorMetrics metrics;

    ReportService(
            AgentRepository agents,
            TransferEngine engine,
            FileRecordService files,
            LedgerService ledger,
            CoordinatorMetrics metrics) {
        this.agents = agents;
        this.engine = engine;
        this.files = files;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /**
     * Applies {@code report} unless it was applied before.
     *
     * @return the highest report id applied for the agent, after this one: what to acknowledge
     */
    public long apply(String agentId, TransferReport report) {
        metrics.reportReceived(report);
        try (TransferLogContext ignored = TransferLogContext.report(agentId, report.assignmentId())) {
            return applyOnce(agentId, report);
        }
    }

    private long applyOnce(String agentId, TransferReport report) {
        long applied = lastApplied(agentId);
        if (report.reportId() <= applied) {
            LOG.debugf("agent %s replayed report %d (applied up to %d)", agentId, report.reportId(), applied);
            return applied;
        }
        if (report.body() instanceof TransferReport.FileVerified file) {
            recordFile(agentId, report.assignmentId(), file);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> advanceAndApply(agentId, report));
            } catch (OptimisticLockException | StaleStateException e) {
                // Another writer (a job transition, another replica) changed the transfer meanwhile.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isOptimisticFailure(e)) {
                    throw e;
                }
            }
        }
    }

    /** The highest report id applied for the agent (0 if it never reported). */
    public long lastApplied(String agentId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Optional.ofNullable(agents.findById(agentId))
                        .map(a -> a.lastReportId)
                        .orElse(0L));
    }

    private long advanceAndApply(String agentId, TransferReport report) {
        // A report is a sign of life as good as a heartbeat: the agent's heartbeats queue on its stream
        // behind the reports before them, so a busy agent whose reports take a while to apply would
        // otherwise be marked OFFLINE, and its stream closed, by the heartbeat sweep of any replica.
        int advanced = agents.update(
                "lastReportId = ?1, lastSeen = ?3, state = ?4, version = version + 1"
                        + " where id = ?2 and lastReportId < ?1",
                report.reportId(),
                agentId,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                AgentState.ONLINE);
        if (advanced == 0) {
            Agent agent = agents.findById(agentId);
            return agent == null ? 0 : agent.lastReportId;
        }
        if (report.body() instanceof TransferReport.PeerRefused refusal) {
            recordRefusal(agentId, refusal);
        } else {
            engine.apply(agentId, report);
        }
        return report.reportId();
    }

    /**
     * Appends a source's refusal of a peer request to the audit ledger, in the transaction that advances
     * the report mark, so it is recorded exactly once. Under the refused grant's job when the grant was
     * authentic (the agent only names a job then), otherwise under no job.
     */
    private void recordRefusal(String agentId, TransferReport.PeerRefused refusal) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("source", agentId);
        payload.put("requester", refusal.requester());
        payload.put("method", refusal.method());
        payload.put("volume", refusal.volume());
        payload.put("path", refusal.path());
        payload.put("reason", refusal.reason());
        payload.put("message", refusal.message());
        payload.put("assignmentId", refusal.assignmentId());
        payload.put("refusedAt", refusal.refusedAt().toString());
        payload.put("suppressedBefore", refusal.suppressedBefore());
        UUID jobId = parseJob(refusal.jobId());
        ledger.append(jobId, LedgerKind.PEER_REFUSED, payload);
        LOG.warnf(
                "agent %s refused %s of %s:%s to %s: %s (%s)",
                agentId,
                refusal.method(),
                refusal.volume(),
                refusal.path(),
                refusal.requester(),
                refusal.reason(),
                refusal.message());
    }

    private static UUID parseJob(String jobId) {
        try {
            return jobId == null || jobId.isEmpty() ? null : UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void recordFile(String agentId, String assignmentId, TransferReport.FileVerified file) {
        if (file.failed()) {
            return; // nothing verified to record; the engine notes the error on the transfer
        }
        try {
            Optional<FileReport> fileReport = QuarkusTransaction.requiringNew()
                    .call(() -> engine.reportedBy(agentId, assignmentId)
                            .map(transfer -> toFileReport(agentId, transfer, file)));
            fileReport.ifPresent(stored -> {
                if (files.record(stored) == FileRecordService.Outcome.RECORDED) {
                    metrics.fileRecorded(stored.sourceSha256().equalsIgnoreCase(stored.destinationSha256()));
                }
            });
        } catch (FileRecordConflictException e) {
            // The first record stays; the agent must not replay this forever, so the report is consumed.
            LOG.errorf("agent %s: %s", agentId, e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.errorf("agent %s reported file %s with malformed fields: %s", agentId, file.path(), e.getMessage());
        }
    }

    private FileReport toFileReport(String agentId, Transfer transfer, TransferReport.FileVerified file) {
        return new FileReport(
                transfer.id,
                engine.pass(transfer),
                file.path(),
                file.size(),
                file.sourceSha256(),
                file.destinationSha256(),
                file.verifiedAt(),
                agentId);
    }

    private static boolean isOptimisticFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
