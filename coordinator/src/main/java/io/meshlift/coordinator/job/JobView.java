package io.meshlift.coordinator.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferView;

/**
 * A job with its progress: totals over its transfers and each transfer's own.
 *
 * @param progress sums over every transfer
 */
public record JobView(
        UUID id,
        UUID planId,
        JobState state,
        int pass,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Progress progress,
        List<TransferView> transfers) {

    /** @param transfersDone transfers that SUCCEEDED */
    public record Progress(
            int transfers, int transfersDone, long filesDone, long filesTotal, long bytesDone, long bytesTotal) {}

    static JobView of(Job job, List<Transfer> transfers) {
        Progress progress = new Progress(
                transfers.size(),
                (int) transfers.stream()
                        .filter(t -> t.state == io.meshlift.coordinator.transfer.TransferState.SUCCEEDED)
                        .count(),
                transfers.stream().mapToLong(t -> t.filesDone).sum(),
                transfers.stream().mapToLong(t -> t.filesTotal).sum(),
                transfers.stream().mapToLong(t -> t.bytesDone).sum(),
                transfers.stream().mapToLong(t -> t.bytesTotal).sum());
        return new JobView(
                job.id,
                job.planId,
                job.state,
                job.pass,
                job.createdAt,
                job.startedAt,
                job.finishedAt,
                progress,
                transfers.stream().map(TransferView::of).toList());
    }
}
