package io.meshlift.core.grant;

import java.util.Objects;
import java.util.Optional;

/** A peer request whose grant does not allow it. The message is safe to send to the caller. */
public class GrantRefusedException extends RuntimeException {

    /** Why a grant was refused; stable names, used in audit records. */
    public enum Reason {
        /** The request carried no grant. */
        MISSING,
        /** The grant bytes could not be parsed. */
        MALFORMED,
        /** This agent knows no verification key (not yet welcomed by a coordinator): deny by default. */
        NO_KEY,
        /** Signed with a key this agent does not trust. */
        UNKNOWN_KEY,
        /** The signature does not verify over the grant bytes. */
        BAD_SIGNATURE,
        /** Issued in the future (beyond the allowed clock skew). */
        NOT_YET_VALID,
        EXPIRED,
        /** Issued to another agent than the caller's certificate says. */
        WRONG_REQUESTER,
        /** Issued for another source agent than this one. */
        WRONG_SOURCE,
        /** The request names a volume or path the grant does not cover. */
        OUTSIDE_GRANT
    }

    private final Reason reason;
    private final PeerGrant grant;

    public GrantRefusedException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** @param grant the refused grant, only when its signature verified (so its fields can be trusted) */
    public GrantRefusedException(Reason reason, String message, PeerGrant grant) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.grant = grant;
    }

    public Reason reason() {
        return reason;
    }

    /** The grant refused, if it was authentic; empty when it was missing, malformed or not signed by us. */
    public Optional<PeerGrant> grant() {
        return Optional.ofNullable(grant);
    }
}
