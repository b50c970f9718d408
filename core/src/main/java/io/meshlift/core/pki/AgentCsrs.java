package io.meshlift.core.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Builds the CSR an agent sends to enroll: subject {@code CN=<id>}, exactly one SAN URI {@code
 * urn:meshlift:agent:<id>}, self-signed with the agent's EC P-256 key (proof of possession). The private
 * key stays with the caller; only the CSR travels.
 */
public final class AgentCsrs {

    private AgentCsrs() {}

    /**
     * @throws UnsupportedKeyException if {@code keys} is not an EC P-256 pair
     */
    public static PKCS10CertificationRequest build(AgentId agent, KeyPair keys) {
        if (!KeyPairs.isEcP256(keys.getPublic())) {
            throw new UnsupportedKeyException("Agent " + agent + ": CSR key must be EC P-256");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, agent.value())
                .build();
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, AgentIdentities.uriOf(agent))));
            return new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(JdkSignatures.ecdsaSha256(keys.getPrivate()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the CSR of agent " + agent + ": " + e.getMessage(), e);
        }
    }
}
