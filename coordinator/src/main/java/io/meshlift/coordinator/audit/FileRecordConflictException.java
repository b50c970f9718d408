package io.meshlift.coordinator.audit;

import io.meshlift.coordinator.error.StateConflictException;

/** A report for a file already recorded in the same pass, with different size, digests or verifier. */
public class FileRecordConflictException extends StateConflictException {

    public FileRecordConflictException(FileReport report, FileRecord recorded) {
        super("file " + report.path() + " of transfer " + report.transferId() + " (pass " + report.pass()
                + ") was recorded as size " + recorded.size + ", source " + recorded.sourceSha256 + ", destination "
                + recorded.destinationSha256 + " by " + recorded.verifiedBy + "; the new report says size "
                + report.size() + ", source " + report.sourceSha256() + ", destination "
                + report.destinationSha256() + " by " + report.verifiedBy());
    }
}
