package io.meshlift.coordinator.transfer;

/** The life of one dataset's copy to one destination. */
public enum TransferState {
    /** Waiting for a replica to lease it and assign it to the destination agent. */
    PENDING,
    /** Leased and sent to the destination agent. */
    ASSIGNED,
    /** The destination reports progress. */
    RUNNING,
    /** Every file verified and matching the source digest. */
    SUCCEEDED,
    /** Out of attempts; {@code last_error} says why. */
    FAILED,
    CANCELLED
}
