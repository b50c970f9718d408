package io.meshlift.core.grant;

import java.util.Arrays;
import java.util.Objects;

/**
 * A grant as it travels: the exact grant bytes that were signed, the Ed25519 signature over them, and
 * the id of the signing key. Arrays are copied in and out; the record is immutable.
 */
public record SignedGrant(byte[] grant, byte[] signature, String keyId) {

    /** Upper bound for an encoded SignedGrant; anything larger is refused unread. */
    public static final int MAX_ENCODED_BYTES = 8 * 1024;

    public SignedGrant {
        grant = Objects.requireNonNull(grant, "grant").clone();
        signature = Objects.requireNonNull(signature, "signature").clone();
        Objects.requireNonNull(keyId, "keyId");
    }

    @Override
    public byte[] grant() {
        return grant.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The {@code SignedGrant} message of grant.proto, as carried in assignments and peer metadata. */
    public byte[] encode() {
        return GrantEncoding.encodeSigned(this);
    }

    /** @throws GrantRefusedException ({@code MALFORMED}) if the bytes are not one well-formed SignedGrant */
    public static SignedGrant decode(byte[] bytes) {
        return GrantEncoding.decodeSigned(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedGrant other
                && Arrays.equals(grant, other.grant)
                && Arrays.equals(signature, other.signature)
                && keyId.equals(other.keyId);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(grant) + Arrays.hashCode(signature)) + keyId.hashCode();
    }

    @Override
    public String toString() {
        return "SignedGrant[key " + keyId + ", " + grant.length + " bytes]";
    }
}
