package io.meshlift.coordinator.transfer;

/** The life of one dataset's copy to one destination. */
public enum TransferState {
    /** Waiting for a replica to lease it and assign it to the destination agent. */
    PENDING,
    /** Leased and sent to the destination agent. */
    ASSIGNED,
    /** The destination reports progress. */
    RUNNING,
    /** The job is paused; the agent was told to pause, and the transfer is re-sent on resume. */
    PAUSED,
    /** Every file verified and matching the source digest. */
    SUCCEEDED,
    /** Out of attempts; {@code last_error} says why. */
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Out at an agent: leased by a replica. */
    public boolean isActive() {
        return this == ASSIGNED || this == RUNNING;
    }
}
