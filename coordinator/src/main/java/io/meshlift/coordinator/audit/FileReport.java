package io.meshlift.coordinator.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import io.meshlift.core.digest.Sha256;

/**
 * A destination agent's report that it verified one file: the unit of the audit trail. Agents replay
 * reports after a reconnect, so the same report may arrive more than once.
 *
 * @param verifiedAt truncated to microseconds, the precision the databases keep
 */
public record FileReport(
        UUID transferId,
        int pass,
        String path,
        long size,
        String sourceSha256,
        String destinationSha256,
        Instant verifiedAt,
        String verifiedBy) {

    /**
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public FileReport {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(verifiedBy, "verifiedBy");
        if (pass < 1) {
            throw new IllegalArgumentException("pass starts at 1, got " + pass + " for " + path);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size + " for " + path);
        }
        sourceSha256 = Sha256.hex(Sha256.fromHex(sourceSha256));
        destinationSha256 = Sha256.hex(Sha256.fromHex(destinationSha256));
        verifiedAt = verifiedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** True when {@code record} holds exactly what this report says. */
    boolean sameAs(FileRecord record) {
        return record.size == size
                && record.sourceSha256.equals(sourceSha256)
                && record.destinationSha256.equals(destinationSha256)
                && record.verifiedBy.equals(verifiedBy);
    }
}
