package io.meshlift.coordinator.swarm;

import java.util.Objects;

/**
 * Another holder of a transfer's dataset that its destination may read from: the domain form of the
 * protocol's {@code SwarmPeer}.
 *
 * @param volume where the member keeps its copy (its destination volume)
 * @param path where the member keeps its copy inside that volume
 * @param grant an encoded SignedGrant naming the member as source and the receiving destination as requester
 */
public record SwarmMember(String agentId, String host, int port, String volume, String path, byte[] grant) {

    public SwarmMember {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(path, "path");
        grant = grant.clone();
    }

    @Override
    public byte[] grant() {
        return grant.clone();
    }
}
