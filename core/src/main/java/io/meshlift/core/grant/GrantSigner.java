package io.meshlift.core.grant;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;

/** Signs grants with the installation key (coordinator side). Thread-safe. */
public final class GrantSigner {

    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final String keyId;

    public GrantSigner(KeyPair keys) {
        Objects.requireNonNull(keys, "keys");
        if (!GrantKeys.ALGORITHM.equalsIgnoreCase(keys.getPrivate().getAlgorithm())
                && !"EdDSA".equalsIgnoreCase(keys.getPrivate().getAlgorithm())) {
            throw new IllegalArgumentException(
                    "grant keys are Ed25519, not " + keys.getPrivate().getAlgorithm());
        }
        this.privateKey = keys.getPrivate();
        this.publicKey = keys.getPublic().getEncoded();
        this.keyId = GrantKeys.keyId(keys.getPublic());
    }

    public String keyId() {
        return keyId;
    }

    /** The X.509 encoding of the verification key, as sent to agents. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Encodes {@code grant} once and signs exactly those bytes. */
    public SignedGrant sign(PeerGrant grant) {
        byte[] bytes = GrantEncoding.encode(grant);
        try {
            return new SignedGrant(bytes, signBytes(privateKey, bytes), keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a grant with key " + keyId, e);
        }
    }

    static byte[] signBytes(PrivateKey key, byte[] bytes) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(GrantKeys.ALGORITHM);
        signature.initSign(key);
        signature.update(bytes);
        return signature.sign();
    }
}
