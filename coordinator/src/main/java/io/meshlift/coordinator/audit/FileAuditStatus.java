package io.meshlift.coordinator.audit;

/** How one file's destination digest compares with its source digest. */
public enum FileAuditStatus {
    /** The destination digest equals the source digest. */
    MATCH,
    /** The destination holds different content than the source. */
    MISMATCH,
    /**
     * The record carries no destination digest. The schema holds only files an agent reported as
     * verified (a failed verification is not stored), so today no record has this status; it is kept so
     * that the API does not change when failed files are recorded. Files the source has but no record
     * names are counted per transfer instead ({@link TransferAudit.FileCounts#unrecorded()}).
     */
    MISSING;

    static FileAuditStatus of(String sourceSha256, String destinationSha256) {
        if (destinationSha256 == null || destinationSha256.isEmpty()) {
            return MISSING;
        }
        return destinationSha256.equals(sourceSha256) ? MATCH : MISMATCH;
    }
}
