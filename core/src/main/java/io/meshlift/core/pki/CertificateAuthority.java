package io.meshlift.core.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The mesh certificate authority: an EC P-256 key and its self-signed CA certificate, used to issue
 * agent certificates.
 *
 * <p>Agent certificates carry subject {@code CN=<id>}, exactly one SAN URI {@code
 * urn:meshlift:agent:<id>}, KeyUsage digitalSignature, ExtendedKeyUsage serverAuth and clientAuth,
 * basicConstraints CA=false, subject and authority key identifiers and a random 128-bit serial.
 * Instances are immutable and thread-safe. All signing goes through the JDK providers (see {@link
 * JdkSignatures}); the BouncyCastle provider is never registered.
 */
public final class CertificateAuthority {

    /** Validity of a CA made by {@link #create(String)}. */
    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);

    /** Validity of an agent certificate from the overloads without an explicit window. */
    public static final Duration DEFAULT_AGENT_VALIDITY = Duration.ofDays(90);

    /** notBefore is backdated by this much so hosts with slightly slow clocks accept new certs. */
    public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** Creates a new CA named {@code CN=<commonName>, O=Meshlift}, valid for {@link #DEFAULT_CA_VALIDITY}. */
    public static CertificateAuthority create(String commonName) {
        Instant now = Instant.now();
        return create(commonName, now.minus(CLOCK_SKEW_ALLOWANCE), now.plus(DEFAULT_CA_VALIDITY));
    }

    /** Creates a new self-signed EC P-256 CA valid from {@code notBefore} to {@code notAfter}. */
    public static CertificateAuthority create(String commonName, Instant notBefore, Instant notAfter) {
        requireWindow(notBefore, notAfter);
        KeyPair pair = KeyPairs.generateEcP256();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Meshlift")
                .addRDN(BCStyle.CN, commonName)
                .build();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            name, serial(), Date.from(notBefore), Date.from(notAfter), name, pair.getPublic())
                    // pathLen 0: the mesh CA signs agents directly and can never mint intermediates.
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            utils.createAuthorityKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(sign(builder, pair.getPrivate()), pair.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create mesh CA " + Printable.quote(commonName), e);
        }
    }

    /**
     * Loads a CA from a certificate file (exactly one certificate) and its private key file.
     *
     * @throws PemFileException if a file is missing or malformed
     * @throws InvalidCertificateAuthorityException if the certificate is not an EC CA certificate
     *     allowed to sign certificates
     * @throws KeyMismatchException if the key does not belong to the certificate
     */
    public static CertificateAuthority load(Path certificateFile, Path keyFile) {
        X509Certificate certificate = Pem.readCertificate(certificateFile);
        PrivateKey key = Pem.readPrivateKey(keyFile);
        boolean[] usage = certificate.getKeyUsage();
        if (certificate.getBasicConstraints() < 0 || usage == null || !usage[5]) {
            throw new InvalidCertificateAuthorityException(
                    certificateFile + " is not a CA certificate with keyCertSign usage");
        }
        if (!"EC".equals(key.getAlgorithm())) {
            throw new InvalidCertificateAuthorityException(
                    keyFile + " holds a " + key.getAlgorithm() + " key; the mesh CA key must be EC");
        }
        KeyPairs.requireMatching(key, certificate.getPublicKey(), "CA certificate " + certificateFile);
        return new CertificateAuthority(certificate, key);
    }

    /** Writes the CA certificate (0644) and private key (0600), each atomically. */
    public void write(Path certificateFile, Path keyFile) {
        Pem.writePrivateKey(keyFile, key);
        Pem.writeCertificates(certificateFile, List.of(certificate));
    }

    /** The CA certificate, the trust anchor agents are configured with. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues a certificate for {@code agent}, valid from now minus {@link #CLOCK_SKEW_ALLOWANCE} for
     * {@link #DEFAULT_AGENT_VALIDITY}.
     */
    public X509Certificate issueAgentCertificate(AgentId agent, PublicKey publicKey) {
        Instant now = Instant.now();
        return issueAgentCertificate(
                agent, publicKey, now.minus(CLOCK_SKEW_ALLOWANCE), now.plus(DEFAULT_AGENT_VALIDITY));
    }

    /**
     * Issues a certificate binding {@code publicKey} to {@code agent} for the given window.
     *
     * @throws UnsupportedKeyException if {@code publicKey} is not EC P-256
     * @throws IllegalArgumentException if the window is empty or ends after the CA certificate does
     */
    public X509Certificate issueAgentCertificate(
            AgentId agent, PublicKey publicKey, Instant notBefore, Instant notAfter) {
        if (!KeyPairs.isEcP256(publicKey)) {
            throw new UnsupportedKeyException("Agent " + agent + ": key must be EC P-256, got "
                    + (publicKey == null ? "null" : publicKey.getAlgorithm()));
        }
        requireWindow(notBefore, notAfter);
        // X.509 times have whole seconds; compare at that precision.
        if (notAfter.truncatedTo(ChronoUnit.SECONDS)
                .isAfter(certificate.getNotAfter().toInstant())) {
            throw new IllegalArgumentException("Agent " + agent + ": certificate would end " + notAfter
                    + ", after the mesh CA expires " + certificate.getNotAfter().toInstant());
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, agent.value())
                .build();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            GeneralNames san = new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, AgentIdentities.uriOf(agent)));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            certificate, serial(), Date.from(notBefore), Date.from(notAfter), subject, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                    }))
                    .addExtension(Extension.subjectAlternativeName, false, san)
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(utils));
            return sign(builder, key);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot issue certificate for agent " + agent, e);
        }
    }

    /**
     * Signs a PKCS#10 request for {@code expected}, valid from now minus {@link
     * #CLOCK_SKEW_ALLOWANCE} for {@code validity}. The request must be correctly self-signed with an
     * EC P-256 key and may only ask for {@code expected} (as CN and/or SAN URI); the issued
     * certificate is built from scratch and only ever carries {@code expected}.
     *
     * @throws CsrRejectedException if the request fails any of these checks
     */
    public X509Certificate signCsr(PKCS10CertificationRequest csr, AgentId expected, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("Validity must be positive, got " + validity);
        }
        PublicKey publicKey = CsrChecks.verifiedPublicKey(csr, expected);
        Instant now = Instant.now();
        return issueAgentCertificate(expected, publicKey, now.minus(CLOCK_SKEW_ALLOWANCE), now.plus(validity));
    }

    /**
     * Key-id-only AKI: copying issuer name and serial (BouncyCastle's default from a certificate)
     * would tie agents to one CA certificate and break re-issuing the CA with the same key.
     */
    private AuthorityKeyIdentifier authorityKeyIdentifier(JcaX509ExtensionUtils utils) {
        byte[] ski = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski == null) {
            return utils.createAuthorityKeyIdentifier(certificate.getPublicKey());
        }
        byte[] keyId = SubjectKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(ski).getOctets())
                .getKeyIdentifier();
        return new AuthorityKeyIdentifier(keyId);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(JdkSignatures.ecdsaSha256(signingKey)));
    }

    /** 128 random bits, never zero (RFC 5280: positive, at most 20 octets). */
    private static BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    private static void requireWindow(Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("Empty validity window: " + notBefore + " .. " + notAfter);
        }
    }
}
