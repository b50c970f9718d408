package io.meshlift.agent.transfer;

/** A pull with this id is already running. */
public class PullConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PullConflictException(String id) {
        super("pull '" + id + "' is already running on this agent");
    }
}
