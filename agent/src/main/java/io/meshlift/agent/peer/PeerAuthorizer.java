package io.meshlift.agent.peer;

import io.meshlift.agent.config.AgentConfig.PeerAuthorization;
import io.meshlift.agent.grant.GrantTrust;
import io.meshlift.core.grant.GrantRefusedException;
import io.meshlift.core.grant.GrantRefusedException.Reason;
import io.meshlift.core.pki.AgentId;

/** Turns a caller's identity and presented grant into its {@link PeerAccess}; deny by default. */
final class PeerAuthorizer {

    private final PeerAuthorization mode;
    private final GrantTrust trust;

    PeerAuthorizer(PeerAuthorization mode, GrantTrust trust) {
        this.mode = mode;
        this.trust = trust;
    }

    PeerAuthorization mode() {
        return mode;
    }

    /** @param grant the encoded SignedGrant the caller sent, or null */
    PeerAccess decide(AgentId caller, byte[] grant) {
        if (mode == PeerAuthorization.MESH) {
            return PeerAccess.mesh();
        }
        if (grant == null || grant.length == 0) {
            return PeerAccess.refused(new GrantRefusedException(
                    Reason.MISSING, "no grant: this agent serves data only to holders of a coordinator grant"));
        }
        var verifier = trust.verifier();
        if (verifier.isEmpty()) {
            return PeerAccess.refused(new GrantRefusedException(
                    Reason.NO_KEY, "this agent has no grant key from its coordinator yet; try again later"));
        }
        try {
            return PeerAccess.granted(verifier.get().verify(grant, caller));
        } catch (GrantRefusedException e) {
            return PeerAccess.refused(e);
        }
    }
}
