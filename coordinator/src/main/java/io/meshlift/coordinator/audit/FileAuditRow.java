package io.meshlift.coordinator.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One file on one destination as the audit shows it.
 *
 * @param destination {@code agent:volume:path} of the transfer's destination
 * @param path relative to the dataset root, '/'-separated
 * @param verifiedBy the agent that re-read the file from the destination's disk
 */
public record FileAuditRow(
        UUID transferId,
        String dataset,
        String destination,
        String path,
        long size,
        String sourceSha256,
        String destinationSha256,
        Instant verifiedAt,
        String verifiedBy,
        int pass,
        FileAuditStatus status) {

    static FileAuditRow of(TransferAudit transfer, FileRecord record) {
        return new FileAuditRow(
                record.transferId,
                transfer.dataset(),
                transfer.destination(),
                record.path,
                record.size,
                record.sourceSha256,
                record.destinationSha256,
                record.verifiedAt,
                record.verifiedBy,
                record.pass,
                FileAuditStatus.of(record.sourceSha256, record.destinationSha256));
    }

    /** The paging cursor naming this row: {@code <transferId>:<path>}. */
    String cursor() {
        return transferId + ":" + path;
    }
}
