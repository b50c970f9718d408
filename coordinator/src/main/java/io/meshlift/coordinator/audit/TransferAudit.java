package io.meshlift.coordinator.audit;

import java.util.UUID;

import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferState;

/**
 * One dataset on one destination: its dataset digest against the source's, and how its file records
 * compare.
 *
 * @param source {@code agent:volume:path}
 * @param destination {@code agent:volume:path}
 * @param digestsMatch null until both dataset digests are known
 */
public record TransferAudit(
        UUID transferId,
        String dataset,
        String source,
        String destination,
        TransferState state,
        String sourceDigest,
        String destinationDigest,
        Boolean digestsMatch,
        FileCounts files) {

    /**
     * @param total the file count the destination agent last reported for the dataset (0 before it did)
     * @param recorded file records stored for this transfer
     * @param unrecorded {@code total - recorded}, at least 0: files the agent counted but never reported
     *     as verified
     */
    public record FileCounts(long total, long recorded, long match, long mismatch, long missing, long unrecorded) {

        static final FileCounts NONE = new FileCounts(0, 0, 0, 0, 0, 0);

        FileCounts withTotal(long total) {
            return new FileCounts(total, recorded, match, mismatch, missing, Math.max(0, total - recorded));
        }
    }

    static TransferAudit of(Transfer transfer, FileCounts counts) {
        Boolean match = transfer.sourceDigest == null || transfer.destinationDigest == null
                ? null
                : transfer.sourceDigest.equals(transfer.destinationDigest);
        return new TransferAudit(
                transfer.id,
                transfer.dataset,
                transfer.sourceAgent + ":" + transfer.sourceVolume + ":" + transfer.sourcePath,
                transfer.destinationAgent + ":" + transfer.destinationVolume + ":" + transfer.destinationPath,
                transfer.state,
                transfer.sourceDigest,
                transfer.destinationDigest,
                match,
                counts.withTotal(transfer.filesTotal));
    }
}
