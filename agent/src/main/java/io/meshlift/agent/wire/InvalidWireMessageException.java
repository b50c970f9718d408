package io.meshlift.agent.wire;

/** A message from a peer (request or response) that breaks the protocol's rules. */
public class InvalidWireMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidWireMessageException(String message) {
        super(message);
    }
}
