package io.meshlift.agent.transfer;

import java.util.Objects;

import io.meshlift.core.path.RelativePath;

/**
 * Another holder of a pull's dataset, as the coordinator names it: where it listens, where it keeps its
 * copy, and the grant that lets this agent read that copy.
 */
public record SwarmPeer(PeerEndpoint endpoint, String volume, RelativePath path, byte[] grant) {

    public SwarmPeer {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(path, "path");
        grant = grant.clone();
    }

    @Override
    public byte[] grant() {
        return grant.clone();
    }

    @Override
    public String toString() {
        return endpoint + " (" + volume + ":" + (path.isRoot() ? "/" : path) + ")";
    }
}
