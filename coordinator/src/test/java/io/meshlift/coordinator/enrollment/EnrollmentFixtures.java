package io.meshlift.coordinator.enrollment;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.meshlift.core.pki.AgentCsrs;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.AgentIdentities;
import io.meshlift.core.pki.KeyPairs;
import io.meshlift.core.pki.Pem;

/** CSRs for enrollment tests: the well-formed one an agent sends, and the abusive ones it must not get away with. */
final class EnrollmentFixtures {

    private EnrollmentFixtures() {}

    /** What {@code meshlift agent enroll} sends for {@code agent}. */
    static String csr(String agent) {
        return Pem.encodeCsr(AgentCsrs.build(AgentId.of(agent), KeyPairs.generateEcP256()));
    }

    /** A CSR with subject {@code CN=<cn>} and the given SANs, self-signed with {@code keys}. */
    static String csr(String cn, KeyPair keys, GeneralName... sans) {
        try {
            PKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic());
            if (sans.length > 0) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return Pem.encodeCsr(builder.build(signer(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static GeneralName agentUri(String agent) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, AgentIdentities.uriOf(AgentId.of(agent)));
    }

    static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** JDK-backed signer (SHA256withECDSA or SHA256withRSA), avoiding BouncyCastle's provider. */
    private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
        boolean ec = "EC".equals(key.getAlgorithm());
        Signature signature = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
        signature.initSign(key);
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(
                ec ? X9ObjectIdentifiers.ecdsa_with_SHA256 : PKCSObjectIdentifiers.sha256WithRSAEncryption);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                try {
                    signature.update(buffer.toByteArray());
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
