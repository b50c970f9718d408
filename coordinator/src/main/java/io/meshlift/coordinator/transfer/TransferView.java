package io.meshlift.coordinator.transfer;

import java.time.Instant;
import java.util.UUID;

/**
 * One transfer with its progress, as the REST API shows it.
 *
 * @param source and destination as {@code agent:volume:path}
 * @param rateBytesPerSecond smoothed rate of the running attempt, 0 when not measured or not running
 * @param etaSeconds seconds left at that rate, null when unknown
 */
public record TransferView(
        UUID id,
        String dataset,
        String source,
        String destination,
        TransferState state,
        int attempts,
        int failures,
        long filesDone,
        long filesTotal,
        long bytesDone,
        long bytesTotal,
        long rateBytesPerSecond,
        Long etaSeconds,
        String sourceDigest,
        String destinationDigest,
        String lastError,
        Instant finishedAt) {

    public static TransferView of(Transfer t) {
        long rate = t.state == TransferState.RUNNING ? t.rateBytesPerSecond : 0;
        return new TransferView(
                t.id,
                t.dataset,
                t.sourceAgent + ":" + t.sourceVolume + ":" + t.sourcePath,
                t.destinationAgent + ":" + t.destinationVolume + ":" + t.destinationPath,
                t.state,
                t.attempts,
                t.failures,
                t.filesDone,
                t.filesTotal,
                t.bytesDone,
                t.bytesTotal,
                rate,
                TransferRate.secondsLeft(t.bytesDone, t.bytesTotal, rate),
                t.sourceDigest,
                t.destinationDigest,
                t.lastError,
                t.finishedAt);
    }
}
