package io.meshlift.coordinator.error;

/**
 * A well-formed request that contradicts the current state: an illegal state transition, or a replayed
 * report whose content differs from what was recorded the first time. The API answers 409.
 */
public abstract class StateConflictException extends RuntimeException {

    protected StateConflictException(String message) {
        super(message);
    }
}
