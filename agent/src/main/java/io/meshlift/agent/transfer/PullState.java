package io.meshlift.agent.transfer;

/** Life of a pull. SUCCEEDED means every file is verified at the destination. */
public enum PullState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
