package io.meshlift.agent.transfer;

/** No pull with this id is known to this agent. */
public class PullNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PullNotFoundException(String id) {
        super("no pull with id '" + id + "' on this agent");
    }
}
