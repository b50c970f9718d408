package io.meshlift.agent.coordinator;

import java.util.List;

/** An assignment whose fields cannot describe a pull; lists every problem found. */
public class InvalidAssignmentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidAssignmentException(String assignmentId, List<String> problems) {
        super("invalid assignment '" + assignmentId + "': " + String.join("; ", problems));
    }
}
