package io.meshlift.coordinator.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferRate;
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

    /**
     * @param transfersDone transfers that SUCCEEDED
     * @param rateBytesPerSecond sum of the running transfers' rates
     * @param etaSeconds seconds until the bytes left are moved at that rate; null when unknown
     */
    public record Progress(
            int transfers,
            int transfersDone,
            long filesDone,
            long filesTotal,
            long bytesDone,
            long bytesTotal,
            long rateBytesPerSecond,
            Long etaSeconds) {}

    static JobView of(Job job, List<Transfer> transfers) {
        List<TransferView> views = transfers.stream().map(TransferView::of).toList();
        long bytesDone = views.stream().mapToLong(TransferView::bytesDone).sum();
        long bytesTotal = views.stream().mapToLong(TransferView::bytesTotal).sum();
        long rate = views.stream().mapToLong(TransferView::rateBytesPerSecond).sum();
        Progress progress = new Progress(
                transfers.size(),
                (int) transfers.stream()
                        .filter(t -> t.state == io.meshlift.coordinator.transfer.TransferState.SUCCEEDED)
                        .count(),
                transfers.stream().mapToLong(t -> t.filesDone).sum(),
                transfers.stream().mapToLong(t -> t.filesTotal).sum(),
                bytesDone,
                bytesTotal,
                rate,
                TransferRate.secondsLeft(bytesDone, bytesTotal, rate));
        return new JobView(
                job.id, job.planId, job.state, job.pass, job.createdAt, job.startedAt, job.finishedAt, progress, views);
    }
}
