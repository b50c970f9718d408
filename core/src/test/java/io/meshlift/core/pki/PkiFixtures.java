package io.meshlift.core.pki;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.meshlift.core.pki.LocalMesh.AgentFiles;

/** Certificates, CSRs and TLS contexts for PKI tests; everything is generated per test run. */
final class PkiFixtures {

    static final AgentId ALPHA = AgentId.of("alpha");
    static final AgentId BRAVO = AgentId.of("bravo");
    static final AgentId CHARLIE = AgentId.of("charlie");

    private PkiFixtures() {}

    /** Issues {@code id} a certificate from {@code ca} for the given window and writes it under {@code dir/id}. */
    static AgentFiles writeAgent(Path dir, CertificateAuthority ca, AgentId id, Instant notBefore, Instant notAfter) {
        KeyPair pair = KeyPairs.generateEcP256();
        X509Certificate certificate = ca.issueAgentCertificate(id, pair.getPublic(), notBefore, notAfter);
        return write(dir, id, certificate, pair.getPrivate());
    }

    static AgentFiles writeAgent(Path dir, CertificateAuthority ca, AgentId id) {
        KeyPair pair = KeyPairs.generateEcP256();
        return write(dir, id, ca.issueAgentCertificate(id, pair.getPublic()), pair.getPrivate());
    }

    /** A certificate that looks exactly like an agent certificate but signs itself. */
    static AgentFiles writeSelfSignedAgent(Path dir, AgentId id) {
        KeyPair pair = KeyPairs.generateEcP256();
        X500Name name = new X500Name("CN=" + id);
        X509Certificate certificate =
                certificate(name, name, pair.getPublic(), pair.getPrivate(), List.of(AgentIdentities.uriOf(id)), true);
        return write(dir, id, certificate, pair.getPrivate());
    }

    /** A self-signed end-entity certificate carrying the given SAN URIs. */
    static X509Certificate certificateWithSanUris(List<String> uris) {
        KeyPair pair = KeyPairs.generateEcP256();
        X500Name name = new X500Name("CN=test");
        return certificate(name, name, pair.getPublic(), pair.getPrivate(), uris, true);
    }

    /**
     * An end-entity certificate signed by {@code ca} but built by hand, to get what the CA itself
     * never issues (no SAN, several SANs, missing usages).
     */
    static X509Certificate caSigned(
            X509Certificate caCertificate, PrivateKey caKey, List<String> uris, boolean agentUsages) {
        X500Name issuer =
                X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        return certificate(
                issuer, new X500Name("CN=hand-made"), KeyPairs.generateEcP256().getPublic(), caKey, uris, agentUsages);
    }

    static X509Certificate certificate(
            X500Name issuer,
            X500Name subject,
            PublicKey subjectKey,
            PrivateKey signer,
            List<String> uris,
            boolean agentUsages) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, new java.security.SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))),
                    subject,
                    subjectKey);
            if (!uris.isEmpty()) {
                GeneralName[] names = uris.stream()
                        .map(uri -> new GeneralName(GeneralName.uniformResourceIdentifier, uri))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            if (agentUsages) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                        }));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(JdkSignatures.ecdsaSha256(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR signed by {@code signer} for {@code publicKey}, with the given subject and SAN names. */
    static PKCS10CertificationRequest csr(
            String subject, PublicKey publicKey, PrivateKey signer, List<GeneralName> sans, Extension... extra) {
        try {
            PKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), publicKey);
            if (!sans.isEmpty() || extra.length > 0) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                if (!sans.isEmpty()) {
                    extensions.addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(sans.toArray(GeneralName[]::new)));
                }
                for (Extension extension : extra) {
                    extensions.addExtension(extension);
                }
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(
                    "EC".equals(signer.getAlgorithm())
                            ? JdkSignatures.ecdsaSha256(signer)
                            : JdkSignatures.rsaSha256(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static GeneralName uri(String uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
    }

    static Extension caBasicConstraints() {
        try {
            return new Extension(Extension.basicConstraints, true, new BasicConstraints(true).getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mesh SSLContext for {@code agent}, trusting any agent of the CA in {@code caFile}. */
    static SSLContext meshContext(AgentFiles agent, Path caFile, Set<AgentId> revoked) {
        return MeshTls.sslContext(
                new ReloadingKeyManager(agent.certificate(), agent.privateKey()),
                MeshTrustManager.acceptingAnyAgent(caFile, () -> revoked));
    }

    /** Bumps {@code file}'s mtime well past any earlier value, so change detection never races. */
    static void touchForward(Path file, Duration by) {
        try {
            Files.setLastModifiedTime(
                    file,
                    FileTime.from(Files.getLastModifiedTime(file).toInstant().plus(by)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AgentFiles write(Path dir, AgentId id, X509Certificate certificate, PrivateKey key) {
        Path agentDir = dir.resolve(id.value());
        AgentFiles files = new AgentFiles(
                id, agentDir.resolve(LocalMesh.AGENT_CERTIFICATE), agentDir.resolve(LocalMesh.AGENT_KEY));
        Pem.writePrivateKey(files.privateKey(), key);
        Pem.writeCertificates(files.certificate(), List.of(certificate));
        return files;
    }
}
