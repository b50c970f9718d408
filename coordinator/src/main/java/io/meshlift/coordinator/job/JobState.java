package io.meshlift.coordinator.job;

/** The life of a job. Transitions are the job engine's; terminal states never change again. */
public enum JobState {
    PENDING,
    RUNNING,
    PAUSED,
    /** Every file of every destination verified and matching the source digest. */
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
