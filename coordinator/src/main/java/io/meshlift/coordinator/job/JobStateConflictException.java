package io.meshlift.coordinator.job;

import java.util.UUID;

import io.meshlift.coordinator.error.StateConflictException;

/** A job transition that its current state does not allow, e.g. pausing a finished job. */
public class JobStateConflictException extends StateConflictException {

    public JobStateConflictException(UUID id, JobState state, String action, String allowed) {
        super("job " + id + " is " + state + "; " + action + " needs a job that is " + allowed);
    }
}
