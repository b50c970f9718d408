package io.meshlift.coordinator.audit;

import java.util.List;
import java.util.UUID;

import io.meshlift.coordinator.job.JobState;

/**
 * A job's audit: every transfer (filtered by {@code transferId} when asked) and one page of file rows.
 *
 * @param nextAfter the {@code after} value that returns the next page; null on the last page
 */
public record JobAudit(
        UUID jobId,
        JobState state,
        int pass,
        List<TransferAudit> transfers,
        List<FileAuditRow> files,
        String nextAfter) {}
