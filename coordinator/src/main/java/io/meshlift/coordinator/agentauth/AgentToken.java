package io.meshlift.coordinator.agentauth;

import java.time.Instant;

/** A verified agent access token: whose client it is and until when it is valid. */
public record AgentToken(String clientId, Instant expiresAt) {}
