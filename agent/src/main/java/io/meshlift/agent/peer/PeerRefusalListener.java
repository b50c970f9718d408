package io.meshlift.agent.peer;

/**
 * Told about each refused peer request (rate limited). Implemented by the coordinator link, which turns
 * refusals into reports for the audit ledger. Called on gRPC threads; must not block.
 */
public interface PeerRefusalListener {

    void peerRefused(PeerRefusal refusal);
}
