package io.meshlift.coordinator.transfer;

import java.util.Optional;
import java.util.UUID;

/**
 * Assignment ids are {@code <transfer id>/<attempt>}: a new attempt gets a new id (so an agent that
 * finished the previous one starts again), while a lease taken over by another replica re-sends the same
 * id (so the agent answers with its current state instead of starting again).
 */
public final class AssignmentIds {

    private AssignmentIds() {}

    public static String of(UUID transferId, int attempt) {
        return transferId + "/" + attempt;
    }

    /** The transfer an assignment id names, or empty if it is not one of ours. */
    public static Optional<UUID> transferId(String assignmentId) {
        if (assignmentId == null) {
            return Optional.empty();
        }
        int slash = assignmentId.indexOf('/');
        if (slash != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(assignmentId.substring(0, slash)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
