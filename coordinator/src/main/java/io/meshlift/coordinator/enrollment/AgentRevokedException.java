package io.meshlift.coordinator.enrollment;

import io.meshlift.coordinator.error.StateConflictException;
import io.meshlift.core.pki.AgentId;

/** A revoked agent cannot be enrolled again: revocation is permanent, enroll it under a new id. */
public class AgentRevokedException extends StateConflictException {

    public AgentRevokedException(AgentId agent) {
        super("agent " + agent + " is revoked; enroll the host under a new agent id");
    }
}
