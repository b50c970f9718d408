package io.meshlift.core.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Key generation and key checks for the mesh: EC P-256 everywhere, through the JDK providers. */
public final class KeyPairs {

    /** Signature algorithm used for everything the mesh CA signs. */
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519");

    private static final Map<String, String> PROOF_SIGNATURES =
            Map.of("EC", "SHA256withECDSA", "RSA", "SHA256withRSA", "Ed25519", "Ed25519", "EdDSA", "Ed25519");

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyPairs() {}

    /** Generates a fresh EC P-256 (secp256r1) key pair. */
    public static KeyPair generateEcP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime ships SunEC with P-256; its absence is a broken JDK, not an input error.
            throw new IllegalStateException("JDK cannot generate EC P-256 keys", e);
        }
    }

    /** Whether {@code key} is an EC key on the named curve P-256. */
    public static boolean isEcP256(PublicKey key) {
        if (key == null || key.getEncoded() == null) {
            return false;
        }
        try {
            return isEcP256(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code keyInfo} names the named curve P-256 (explicit curve parameters are refused). */
    static boolean isEcP256(SubjectPublicKeyInfo keyInfo) {
        AlgorithmIdentifier algorithm = keyInfo.getAlgorithm();
        return X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                && X9ObjectIdentifiers.prime256v1.equals(algorithm.getParameters());
    }

    /** Converts an EC SubjectPublicKeyInfo to a JDK key. */
    static PublicKey ecPublicKey(SubjectPublicKeyInfo keyInfo) throws GeneralSecurityException, IOException {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(keyInfo.getEncoded()));
    }

    /**
     * Proves that {@code privateKey} belongs to {@code publicKey} by signing a random challenge.
     *
     * @param what names the pair in the error message, e.g. the files they came from
     * @throws KeyMismatchException if they do not belong together or the key type is unsupported
     */
    public static void requireMatching(PrivateKey privateKey, PublicKey publicKey, String what) {
        String algorithm = PROOF_SIGNATURES.get(privateKey.getAlgorithm());
        if (algorithm == null || !privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            throw new KeyMismatchException("Private key (" + privateKey.getAlgorithm() + ") does not match "
                    + publicKey.getAlgorithm() + " public key of " + what);
        }
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // fall through: a key that cannot sign for this public key does not match it
        }
        throw new KeyMismatchException("Private key does not match the public key of " + what);
    }

    /** Converts a parsed PKCS#8 structure to a JDK key (no BouncyCastle provider needed). */
    static PrivateKey privateKey(PrivateKeyInfo info) throws GeneralSecurityException, IOException {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new UnsupportedKeyException("unsupported private key algorithm " + oid);
        }
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    }
}
