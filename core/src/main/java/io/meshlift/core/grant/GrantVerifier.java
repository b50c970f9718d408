package io.meshlift.core.grant;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.meshlift.core.grant.GrantRefusedException.Reason;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;

/**
 * Decides, on a source agent, whether a presented grant lets the caller read. In order: the key id is the
 * trusted one, the signature verifies over the exact grant bytes (before they are parsed), the bytes parse,
 * the grant names this agent as source and the caller (its mTLS identity) as requester, now is within
 * [issued - skew, expires + skew], and the requested volume/path is under the granted prefix.
 * Each failure is a {@link GrantRefusedException} with a reason and a message safe to send back.
 */
public final class GrantVerifier {

    /** Clock difference tolerated between coordinator and agents. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    private final PublicKey key;
    private final String keyId;
    private final AgentId self;
    private final Clock clock;
    private final Duration skew;

    public GrantVerifier(PublicKey key, AgentId self, Clock clock, Duration skew) {
        this.key = Objects.requireNonNull(key, "key");
        this.keyId = GrantKeys.keyId(key);
        this.self = Objects.requireNonNull(self, "self");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
    }

    public String keyId() {
        return keyId;
    }

    /** Checks an encoded {@code SignedGrant} and that it covers {@code volume}/{@code path}. */
    public PeerGrant verify(byte[] encoded, AgentId caller, String volume, RelativePath path) {
        PeerGrant grant = verify(encoded, caller);
        grant.requireCovers(volume, path);
        return grant;
    }

    /** Checks an encoded {@code SignedGrant} for {@code caller}; coverage is left to the caller. */
    public PeerGrant verify(byte[] encoded, AgentId caller) {
        return verify(SignedGrant.decode(encoded), caller);
    }

    public PeerGrant verify(SignedGrant signed, AgentId caller) {
        Objects.requireNonNull(caller, "caller");
        if (!keyId.equals(signed.keyId())) {
            throw new GrantRefusedException(
                    Reason.UNKNOWN_KEY,
                    "grant signed with key '" + signed.keyId() + "', this agent trusts only '" + keyId + "'");
        }
        boolean valid;
        try {
            valid = verifyBytes(key, signed.grant(), signed.signature());
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new GrantRefusedException(Reason.BAD_SIGNATURE, "grant signature does not verify");
        }
        PeerGrant grant = GrantEncoding.decode(signed.grant());
        if (!grant.sourceAgent().equals(self)) {
            throw new GrantRefusedException(
                    Reason.WRONG_SOURCE,
                    "grant for job " + grant.jobId() + " is for source " + grant.sourceAgent() + ", this is " + self,
                    grant);
        }
        if (!grant.requester().equals(caller)) {
            throw new GrantRefusedException(
                    Reason.WRONG_REQUESTER,
                    "grant for job " + grant.jobId() + " was issued to " + grant.requester() + ", caller is " + caller,
                    grant);
        }
        Instant now = clock.instant();
        if (now.isBefore(grant.issuedAt().minus(skew))) {
            throw new GrantRefusedException(
                    Reason.NOT_YET_VALID,
                    "grant for job " + grant.jobId() + " is valid from " + grant.issuedAt() + "; now is " + now,
                    grant);
        }
        if (now.isAfter(grant.expiresAt().plus(skew))) {
            throw new GrantRefusedException(
                    Reason.EXPIRED,
                    "grant for job " + grant.jobId() + " expired at " + grant.expiresAt() + "; now is " + now,
                    grant);
        }
        return grant;
    }

    static boolean verifyBytes(PublicKey key, byte[] bytes, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(GrantKeys.ALGORITHM);
        verifier.initVerify(key);
        verifier.update(bytes);
        try {
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // a signature of the wrong length or shape is just a bad signature
        }
    }
}
