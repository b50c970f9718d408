package io.meshlift.coordinator.revocation;

import io.meshlift.core.pki.AgentId;

/** CDI event, fired after the revocation committed: whoever holds the agent's connections closes them. */
public record AgentRevoked(AgentId agent) {}
