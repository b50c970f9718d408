package io.meshlift.core.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.core.pki.LocalMesh.AgentFiles;

import static io.meshlift.core.pki.PkiFixtures.ALPHA;
import static io.meshlift.core.pki.PkiFixtures.BRAVO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeshTrustManagerTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();
    private LocalMesh mesh;
    private X509Certificate bravo;

    @BeforeEach
    void createMesh() {
        mesh = LocalMesh.create(dir.resolve("mesh"), List.of(ALPHA, BRAVO));
        bravo = Pem.readCertificate(mesh.agent(BRAVO).certificate());
    }

    @Test
    void acceptsNewCaAndRefusesOldAfterCaFileIsRewrittenWithoutNewObjects() throws Exception {
        CertificateAuthority newCa = CertificateAuthority.create("next mesh CA");
        Path serverCaFile = dir.resolve("server-ca.crt");
        Pem.writeCertificates(serverCaFile, List.of(mesh.authority().certificate()));
        Path clientCaFile = dir.resolve("client-ca.crt");
        Pem.writeCertificates(clientCaFile, List.of(mesh.authority().certificate(), newCa.certificate()));
        AgentFiles alpha = mesh.agent(ALPHA);
        SSLContext oldClient = PkiFixtures.meshContext(mesh.agent(BRAVO), clientCaFile, Set.of());
        SSLContext newClient = PkiFixtures.meshContext(
                PkiFixtures.writeAgent(dir.resolve("new"), newCa, BRAVO), clientCaFile, Set.of());
        try (TlsServer server = new TlsServer(MeshTls.sslContext(
                new ReloadingKeyManager(alpha.certificate(), alpha.privateKey(), clock),
                new MeshTrustManager(serverCaFile, Set::of, null, clock)))) {
            assertThat(server.connect(oldClient).succeeded()).isTrue();
            assertThat(server.connect(newClient).succeeded()).isFalse();

            Pem.writeCertificates(serverCaFile, List.of(newCa.certificate()));
            PkiFixtures.touchForward(serverCaFile, Duration.ofSeconds(10));
            clock.advance(Duration.ofSeconds(1));

            assertThat(server.connect(newClient).serverSawClient()).isEqualTo(BRAVO);
            assertThat(server.connect(oldClient).serverError()).hasMessageContaining("not trusted by the mesh CA");
        }
    }

    @Test
    void looksAtTheCaFileAtMostOncePerSecond() {
        Path caFile = dir.resolve("ca.crt");
        Pem.writeCertificates(caFile, List.of(mesh.authority().certificate()));
        MeshTrustManager trust = new MeshTrustManager(caFile, Set::of, null, clock);
        CertificateAuthority newCa = CertificateAuthority.create("next mesh CA");

        Pem.writeCertificates(caFile, List.of(newCa.certificate()));
        PkiFixtures.touchForward(caFile, Duration.ofSeconds(10));
        clock.advance(Duration.ofMillis(999));
        assertThat(trust.getAcceptedIssuers()).containsExactly(mesh.authority().certificate());

        clock.advance(Duration.ofMillis(1));
        assertThat(trust.getAcceptedIssuers()).containsExactly(newCa.certificate());
    }

    @Test
    void keepsPreviousCaWhenRewrittenFileIsBroken() throws Exception {
        Path caFile = dir.resolve("ca.crt");
        Pem.writeCertificates(caFile, List.of(mesh.authority().certificate()));
        MeshTrustManager trust = new MeshTrustManager(caFile, Set::of, null, clock);

        Files.writeString(caFile, "-----BEGIN CERTIFICATE-----\ntruncated");
        PkiFixtures.touchForward(caFile, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(1));

        assertThat(trust.getAcceptedIssuers()).containsExactly(mesh.authority().certificate());
        assertThatCode(() -> trust.checkClientTrusted(new X509Certificate[] {bravo}, "EC"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesToStartWithCaFileHoldingAnAgentCertificate() {
        assertThatThrownBy(() ->
                        MeshTrustManager.acceptingAnyAgent(mesh.agent(BRAVO).certificate(), Set::of))
                .isInstanceOf(InvalidCertificateAuthorityException.class)
                .hasMessageContaining("not a CA certificate");
    }

    @Test
    void refusesToStartWithoutCaFile() {
        assertThatThrownBy(() -> MeshTrustManager.acceptingAnyAgent(dir.resolve("missing.crt"), Set::of))
                .isInstanceOf(PemFileException.class)
                .hasMessageContaining("missing.crt");
    }

    @Test
    void acceptsChainThatIncludesTheCaCertificate() {
        MeshTrustManager trust = trust(null);

        assertThatCode(() -> trust.checkClientTrusted(
                        new X509Certificate[] {bravo, mesh.authority().certificate()}, "EC"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesTheCaCertificateItselfAsPeer() {
        MeshTrustManager trust = trust(null);

        assertThatThrownBy(() -> trust.checkClientTrusted(
                        new X509Certificate[] {mesh.authority().certificate()}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("only the mesh CA certificate");
    }

    @Test
    void refusesCaSignedCertificateWithoutAgentIdentity() {
        X509Certificate noIdentity = PkiFixtures.caSigned(mesh.authority().certificate(), caKey(), List.of(), true);

        assertThatThrownBy(() -> trust(null).checkClientTrusted(new X509Certificate[] {noIdentity}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("carries no agent identity");
    }

    @Test
    void refusesCaSignedCertificateWithTwoAgentIdentities() {
        X509Certificate twoIdentities = PkiFixtures.caSigned(
                mesh.authority().certificate(),
                caKey(),
                List.of(AgentIdentities.uriOf(ALPHA), AgentIdentities.uriOf(BRAVO)),
                true);

        assertThatThrownBy(() -> trust(null).checkClientTrusted(new X509Certificate[] {twoIdentities}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("2 agent identities");
    }

    @Test
    void refusesCertificateNotMeantForTlsClientsOrServers() {
        X509Certificate noUsages = PkiFixtures.caSigned(
                mesh.authority().certificate(), caKey(), List.of(AgentIdentities.uriOf(BRAVO)), false);

        assertThatThrownBy(() -> trust(null).checkClientTrusted(new X509Certificate[] {noUsages}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("lacks the clientAuth extended key usage");
        assertThatThrownBy(() -> trust(null).checkServerTrusted(new X509Certificate[] {noUsages}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("lacks the serverAuth extended key usage");
    }

    @Test
    void refusesWhenRevocationSetIsUnavailable() {
        MeshTrustManager trust = new MeshTrustManager(
                mesh.caCertificate(),
                () -> {
                    throw new IllegalStateException("coordinator unreachable");
                },
                null,
                clock);

        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {bravo}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("Cannot check revocation of agent bravo");
    }

    @Test
    void refusesWhenRevocationSetIsNull() {
        MeshTrustManager trust = new MeshTrustManager(mesh.caCertificate(), () -> null, null, clock);

        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {bravo}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("no revoked set");
    }

    @Test
    void namesExpectedAndActualPeerOnMismatch() {
        MeshTrustManager trust = trust(ALPHA);

        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {bravo}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessage("Peer identity mismatch: expected agent alpha but the certificate is for bravo");
    }

    @Test
    void refusesCertificatesOnceTheMeshCaHasExpired() {
        Instant now = Instant.now();
        CertificateAuthority shortLived =
                CertificateAuthority.create("short", now.minus(Duration.ofDays(2)), now.plus(Duration.ofHours(1)));
        Path caFile = dir.resolve("short-ca.crt");
        Path caKey = dir.resolve("short-ca.key");
        shortLived.write(caFile, caKey);
        // Hand-made: the CA itself never issues past its own end, but other issuers might.
        X509Certificate outlivesCa = PkiFixtures.caSigned(
                shortLived.certificate(), Pem.readPrivateKey(caKey), List.of(AgentIdentities.uriOf(BRAVO)), true);
        MeshTrustManager trust = new MeshTrustManager(caFile, Set::of, null, clock);
        assertThatCode(() -> trust.checkClientTrusted(new X509Certificate[] {outlivesCa}, "EC"))
                .doesNotThrowAnyException();

        clock.advance(Duration.ofHours(2));

        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {outlivesCa}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("Mesh CA certificate")
                .hasMessageContaining("is not valid at");
    }

    @Test
    void exposesExpectedPeer() {
        assertThat(trust(ALPHA).expectedPeer()).contains(ALPHA);
        assertThat(trust(null).expectedPeer()).isEmpty();
    }

    private MeshTrustManager trust(AgentId expectedPeer) {
        return new MeshTrustManager(mesh.caCertificate(), Set::of, expectedPeer, clock);
    }

    private java.security.PrivateKey caKey() {
        return Pem.readPrivateKey(mesh.caKey());
    }
}
