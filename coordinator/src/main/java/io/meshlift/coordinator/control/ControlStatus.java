package io.meshlift.coordinator.control;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import io.grpc.Status;

import io.meshlift.coordinator.agentauth.AgentTokenRejectedException;
import io.meshlift.coordinator.error.ResourceNotFoundException;
import io.meshlift.coordinator.error.StateConflictException;

/** The one place domain exceptions become gRPC statuses on the control channel. */
final class ControlStatus {

    private ControlStatus() {}

    static Status of(Throwable error) {
        if (error instanceof AgentTokenRejectedException rejected) {
            return (rejected.kind() == AgentTokenRejectedException.Kind.INVALID
                            ? Status.UNAUTHENTICATED
                            : Status.PERMISSION_DENIED)
                    .withDescription(error.getMessage());
        }
        if (error instanceof ResourceNotFoundException) {
            return Status.NOT_FOUND.withDescription(error.getMessage());
        }
        if (error instanceof StateConflictException) {
            return Status.FAILED_PRECONDITION.withDescription(error.getMessage());
        }
        if (error instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(error.getMessage());
        }
        if (error instanceof OptimisticLockException || error instanceof PersistenceException) {
            // Lost a race with another writer, or the database is briefly away: the agent reconnects and replays.
            return Status.UNAVAILABLE.withDescription("the coordinator could not store the message; retry");
        }
        return Status.UNAVAILABLE.withDescription("the coordinator failed to handle the message; retry");
    }
}
