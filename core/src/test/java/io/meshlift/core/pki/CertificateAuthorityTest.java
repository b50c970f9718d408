package io.meshlift.core.pki;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.meshlift.core.pki.PkiFixtures.ALPHA;
import static io.meshlift.core.pki.PkiFixtures.BRAVO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateAuthorityTest {

    private static final Duration WEEK = Duration.ofDays(7);

    @TempDir
    Path dir;

    private final CertificateAuthority ca = CertificateAuthority.create("test mesh");

    @Test
    void createsSelfSignedP256CaThatMaySignOnlyAgents() throws Exception {
        X509Certificate certificate = ca.certificate();

        certificate.verify(certificate.getPublicKey());
        assertThat(KeyPairs.isEcP256(certificate.getPublicKey())).isTrue();
        assertThat(certificate.getBasicConstraints()).isZero();
        assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isFalse();
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=test mesh");
    }

    @Test
    void issuesAgentCertificateWithIdentityUsagesAndKeyIdentifiers() throws Exception {
        KeyPair keys = KeyPairs.generateEcP256();

        X509Certificate agent = ca.issueAgentCertificate(ALPHA, keys.getPublic());

        agent.verify(ca.certificate().getPublicKey());
        assertThat(agent.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(agent.getSubjectX500Principal().getName()).isEqualTo("CN=alpha");
        assertThat(agent.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(AgentIdentities.fromCertificate(agent)).isEqualTo(ALPHA);
        assertThat(agent.getSubjectAlternativeNames()).containsExactly(List.of(6, "urn:meshlift:agent:alpha"));
        assertThat(agent.getBasicConstraints()).isEqualTo(-1);
        assertThat(agent.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(agent.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
        assertThat(agent.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(agent.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(authorityKeyId(agent)).isEqualTo(subjectKeyId(ca.certificate()));
        assertThat(subjectKeyId(agent)).isNotEmpty();
        assertThat(agent.getSerialNumber().signum()).isPositive();
        assertThat(agent.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
    }

    @Test
    void defaultValidityIsNinetyDaysBackdatedForClockSkew() {
        Instant before = Instant.now();
        X509Certificate agent =
                ca.issueAgentCertificate(ALPHA, KeyPairs.generateEcP256().getPublic());

        assertThat(agent.getNotBefore().toInstant())
                .isBeforeOrEqualTo(
                        before.minus(CertificateAuthority.CLOCK_SKEW_ALLOWANCE).plusSeconds(1));
        assertThat(Duration.between(before, agent.getNotAfter().toInstant()))
                .isBetween(
                        Duration.ofDays(90).minusMinutes(1), Duration.ofDays(90).plusMinutes(1));
    }

    @Test
    void givesEveryCertificateADifferentRandomSerial() {
        Set<Object> serials = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            serials.add(
                    ca.issueAgentCertificate(ALPHA, KeyPairs.generateEcP256().getPublic())
                            .getSerialNumber());
        }
        assertThat(serials).hasSize(20);
    }

    @Test
    void refusesAgentKeysOtherThanP256() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));

        assertThatThrownBy(() ->
                        ca.issueAgentCertificate(ALPHA, rsa.generateKeyPair().getPublic()))
                .isInstanceOf(UnsupportedKeyException.class)
                .hasMessageContaining("EC P-256");
        assertThatThrownBy(() ->
                        ca.issueAgentCertificate(ALPHA, p384.generateKeyPair().getPublic()))
                .isInstanceOf(UnsupportedKeyException.class);
    }

    @Test
    void refusesEmptyWindowAndWindowOutlivingTheCa() {
        Instant now = Instant.now();
        var key = KeyPairs.generateEcP256().getPublic();

        assertThatThrownBy(() -> ca.issueAgentCertificate(ALPHA, key, now, now))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Empty validity window");
        assertThatThrownBy(() -> ca.issueAgentCertificate(ALPHA, key, now, now.plus(Duration.ofDays(4000))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after the mesh CA expires");
    }

    @Test
    void loadsFromPemFilesAndIssuesCertificatesTheSameCaVerifies() throws Exception {
        Path certificateFile = dir.resolve("ca.crt");
        Path keyFile = dir.resolve("ca.key");
        ca.write(certificateFile, keyFile);

        CertificateAuthority loaded = CertificateAuthority.load(certificateFile, keyFile);
        X509Certificate agent =
                loaded.issueAgentCertificate(BRAVO, KeyPairs.generateEcP256().getPublic());

        assertThat(loaded.certificate()).isEqualTo(ca.certificate());
        agent.verify(ca.certificate().getPublicKey());
    }

    @Test
    void refusesToLoadWithKeyOfAnotherCa() {
        Path certificateFile = dir.resolve("ca.crt");
        ca.write(certificateFile, dir.resolve("ca.key"));
        CertificateAuthority.create("other").write(dir.resolve("other.crt"), dir.resolve("other.key"));

        assertThatThrownBy(() -> CertificateAuthority.load(certificateFile, dir.resolve("other.key")))
                .isInstanceOf(KeyMismatchException.class)
                .hasMessageContaining("ca.crt");
    }

    @Test
    void refusesToLoadAnAgentCertificateAsCa() {
        KeyPair keys = KeyPairs.generateEcP256();
        Pem.writeCertificates(dir.resolve("agent.crt"), List.of(ca.issueAgentCertificate(ALPHA, keys.getPublic())));
        Pem.writePrivateKey(dir.resolve("agent.key"), keys.getPrivate());

        assertThatThrownBy(() -> CertificateAuthority.load(dir.resolve("agent.crt"), dir.resolve("agent.key")))
                .isInstanceOf(InvalidCertificateAuthorityException.class)
                .hasMessageContaining("agent.crt is not a CA certificate");
    }

    @Test
    void signsCsrForTheExpectedAgent() throws Exception {
        KeyPair keys = KeyPairs.generateEcP256();
        PKCS10CertificationRequest csr = PkiFixtures.csr(
                "CN=alpha", keys.getPublic(), keys.getPrivate(), List.of(PkiFixtures.uri("urn:meshlift:agent:alpha")));

        X509Certificate agent = ca.signCsr(csr, ALPHA, WEEK);

        agent.verify(ca.certificate().getPublicKey());
        assertThat(AgentIdentities.fromCertificate(agent)).isEqualTo(ALPHA);
        assertThat(agent.getPublicKey()).isEqualTo(keys.getPublic());
    }

    @Test
    void signsCsrNamingTheAgentOnlyByCommonName() {
        KeyPair keys = KeyPairs.generateEcP256();
        PKCS10CertificationRequest csr = PkiFixtures.csr("CN=alpha", keys.getPublic(), keys.getPrivate(), List.of());

        assertThat(AgentIdentities.fromCertificate(ca.signCsr(csr, ALPHA, WEEK)))
                .isEqualTo(ALPHA);
    }

    @Test
    void refusesCsrForAnotherIdentity() {
        KeyPair keys = KeyPairs.generateEcP256();
        PKCS10CertificationRequest csr = PkiFixtures.csr("CN=bravo", keys.getPublic(), keys.getPrivate(), List.of());

        assertThatThrownBy(() -> ca.signCsr(csr, ALPHA, WEEK))
                .isInstanceOf(CsrRejectedException.class)
                .hasMessageContaining("\"CN=bravo\"")
                .hasMessageContaining("expected agent alpha");
    }

    @Test
    void refusesCsrWhoseSanNamesAnotherAgent() {
        KeyPair keys = KeyPairs.generateEcP256();
        PKCS10CertificationRequest csr = PkiFixtures.csr(
                "CN=alpha", keys.getPublic(), keys.getPrivate(), List.of(PkiFixtures.uri("urn:meshlift:agent:bravo")));

        assertThatThrownBy(() -> ca.signCsr(csr, ALPHA, WEEK))
                .isInstanceOf(CsrRejectedException.class)
                .hasMessageContaining("urn:meshlift:agent:bravo");
    }

    @Test
    void refusesCsrAskingForAnExtraName() {
        KeyPair keys = KeyPairs.generateEcP256();
        PKCS10CertificationRequest csr = PkiFixtures.csr(
                "CN=alpha",
                keys.getPublic(),
                keys.getPrivate(),
                List.of(
                        PkiFixtures.uri("urn:meshlift:agent:alpha"),
                        new GeneralName(GeneralName.dNSName, "evil.example")));

        assertThatThrownBy(() -> ca.signCsr(csr, ALPHA, WEEK))
                .isInstanceOf(CsrRejectedException.class)
                .hasMessageContaining("evil.example");
    }

    @Test
    void refusesCsrWithoutAnyIdentity() {
        KeyPair keys = KeyPairs.generateEcP256();
        PKCS10CertificationRequest csr = PkiFixtures.csr("O=Meshlift", keys.getPublic(), keys.getPrivate(), List.of());

        assertThatThrownBy(() -> ca.signCsr(csr, ALPHA, WEEK))
                .isInstanceOf(CsrRejectedException.class)
                .hasMessageContaining("requests no identity");
    }

    @Test
    void refusesCsrNotSignedByItsOwnKey() {
        KeyPair claimed = KeyPairs.generateEcP256();
        KeyPair other = KeyPairs.generateEcP256();
        PKCS10CertificationRequest csr =
                PkiFixtures.csr("CN=alpha", claimed.getPublic(), other.getPrivate(), List.of());

        assertThatThrownBy(() -> ca.signCsr(csr, ALPHA, WEEK))
                .isInstanceOf(CsrRejectedException.class)
                .hasMessageContaining("invalid signature");
    }

    @Test
    void refusesCsrWithRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        PKCS10CertificationRequest csr = PkiFixtures.csr("CN=alpha", rsa.getPublic(), rsa.getPrivate(), List.of());

        assertThatThrownBy(() -> ca.signCsr(csr, ALPHA, WEEK))
                .isInstanceOf(CsrRejectedException.class)
                .hasMessageContaining("EC P-256");
    }

    @Test
    void ignoresExtensionsRequestedInCsr() {
        KeyPair keys = KeyPairs.generateEcP256();
        PKCS10CertificationRequest csr = PkiFixtures.csr(
                "CN=alpha", keys.getPublic(), keys.getPrivate(), List.of(), PkiFixtures.caBasicConstraints());

        X509Certificate agent = ca.signCsr(csr, ALPHA, WEEK);

        assertThat(agent.getBasicConstraints()).isEqualTo(-1);
    }

    private static byte[] subjectKeyId(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return SubjectKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(value).getOctets())
                .getKeyIdentifier();
    }

    private static byte[] authorityKeyId(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(value).getOctets());
        assertThat(aki.getAuthorityCertIssuer()).as("key-id-only AKI").isNull();
        return aki.getKeyIdentifier();
    }
}
