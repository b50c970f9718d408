package io.meshlift.coordinator.transfer;

import java.time.Instant;
import java.util.UUID;

/**
 * One transfer with its progress, as the REST API shows it.
 *
 * @param source and destination as {@code agent:volume:path}
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
        String sourceDigest,
        String destinationDigest,
        String lastError,
        Instant finishedAt) {

    public static TransferView of(Transfer t) {
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
                t.sourceDigest,
                t.destinationDigest,
                t.lastError,
                t.finishedAt);
    }
}
