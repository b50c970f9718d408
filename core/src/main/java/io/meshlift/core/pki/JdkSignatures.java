package io.meshlift.core.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Signing and verification through JDK {@link Signature}, in place of BouncyCastle's {@code
 * Jca*Builder} operator classes. Those carry a large static algorithm table that fails to
 * initialize when bcpkix and bcprov/bcutil versions differ on the class path; the mesh needs only
 * ECDSA, which the JDK provides.
 */
final class JdkSignatures {

    /** Signature OID to JDK algorithm name, for the algorithms a P-256 key can sign CSRs with. */
    private static final Map<ASN1ObjectIdentifier, String> ECDSA = Map.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA");

    private JdkSignatures() {}

    /** A signer producing SHA256withECDSA signatures with {@code key}. */
    static ContentSigner ecdsaSha256(PrivateKey key) throws GeneralSecurityException {
        // RFC 5758: ecdsa-with-SHA256 has absent parameters.
        return signer(
                key, KeyPairs.SIGNATURE_ALGORITHM, new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256));
    }

    /** A signer producing SHA256withRSA signatures, for tests that need a foreign key type. */
    static ContentSigner rsaSha256(PrivateKey key) throws GeneralSecurityException {
        return signer(
                key,
                "SHA256withRSA",
                new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE));
    }

    /**
     * Whether {@code csr} is signed by the private key of {@code key} with ECDSA over SHA-2; other
     * signature algorithms are not accepted.
     */
    static boolean isSignedBy(PKCS10CertificationRequest csr, PublicKey key) throws GeneralSecurityException {
        String algorithm = ECDSA.get(csr.getSignatureAlgorithm().getAlgorithm());
        if (algorithm == null) {
            throw new GeneralSecurityException("unsupported signature algorithm "
                    + csr.getSignatureAlgorithm().getAlgorithm());
        }
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        try {
            verifier.update(csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode CSR body", e);
        }
        return verifier.verify(csr.getSignature());
    }

    private static ContentSigner signer(PrivateKey key, String algorithm, AlgorithmIdentifier identifier)
            throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(key);
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                try {
                    signature.update(bytes, offset, length);
                } catch (SignatureException e) {
                    throw new IOException(e);
                }
            }
        };
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return identifier;
            }

            @Override
            public OutputStream getOutputStream() {
                return out;
            }

            @Override
            public byte[] getSignature() {
                try {
                    return signature.sign();
                } catch (SignatureException e) {
                    throw new IllegalStateException("Signing with " + algorithm + " failed", e);
                }
            }
        };
    }
}
