package io.meshlift.agent.transfer;

import io.meshlift.core.pki.AgentId;

/** Where a peer listens and who it must prove to be (its certificate's agent id). */
public record PeerEndpoint(AgentId agentId, String host, int port) {

    public PeerEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("peer " + agentId + ": host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("peer " + agentId + ": port " + port + " is out of range");
        }
    }

    @Override
    public String toString() {
        return agentId + "@" + host + ":" + port;
    }
}
