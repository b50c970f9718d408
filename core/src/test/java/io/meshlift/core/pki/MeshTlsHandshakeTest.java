package io.meshlift.core.pki;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.core.pki.LocalMesh.AgentFiles;

import static io.meshlift.core.pki.PkiFixtures.ALPHA;
import static io.meshlift.core.pki.PkiFixtures.BRAVO;
import static io.meshlift.core.pki.PkiFixtures.CHARLIE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS between mesh agents over real loopback sockets: the server is always a mesh context
 * (TLS 1.3 only, client certificate required), clients vary.
 */
class MeshTlsHandshakeTest {

    @TempDir
    Path dir;

    private LocalMesh mesh;
    private TlsServer server;
    private final Set<AgentId> revoked = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startServer() throws Exception {
        mesh = LocalMesh.create(dir.resolve("mesh"), List.of(ALPHA, BRAVO));
        server = new TlsServer(PkiFixtures.meshContext(mesh.agent(ALPHA), mesh.caCertificate(), revoked));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void serverSocketIsTls13OnlyAndRequiresClientCertificates() {
        assertThat(server.socket().getEnabledProtocols()).containsExactly("TLSv1.3");
        assertThat(server.socket().getNeedClientAuth()).isTrue();
    }

    @Test
    void mutualHandshakeSucceedsAndEachSideSeesTheOthersAgentId() {
        TlsServer.Outcome outcome = server.connect(client(mesh.agent(BRAVO)));

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(outcome.serverSawClient()).isEqualTo(BRAVO);
        assertThat(outcome.clientSawServer()).isEqualTo(ALPHA);
    }

    @Test
    void clientExpectingTheServersIdentityConnects() {
        SSLContext client = MeshTls.sslContext(
                keyManager(mesh.agent(BRAVO)), MeshTrustManager.expectingPeer(mesh.caCertificate(), Set::of, ALPHA));

        assertThat(server.connect(client).clientSawServer()).isEqualTo(ALPHA);
    }

    @Test
    void refusesClientWithoutCertificate() throws Exception {
        SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
        anonymous.init(null, new TrustManager[] {trustAnyAgent()}, new SecureRandom());

        TlsServer.Outcome outcome = server.connect(anonymous);

        assertRefusedByServer(outcome, "");
    }

    @Test
    void refusesSelfSignedClientCertificate() {
        AgentFiles forged = PkiFixtures.writeSelfSignedAgent(dir.resolve("forged"), BRAVO);

        assertRefusedByServer(server.connect(client(forged)), "not trusted by the mesh CA");
    }

    @Test
    void refusesClientWithCertificateFromAnotherCa() {
        CertificateAuthority otherCa = CertificateAuthority.create("other mesh");
        AgentFiles foreign = PkiFixtures.writeAgent(dir.resolve("other"), otherCa, BRAVO);

        assertRefusedByServer(server.connect(client(foreign)), "not trusted by the mesh CA");
    }

    @Test
    void refusesClientWithExpiredCertificate() {
        Instant now = Instant.now();
        AgentFiles expired = PkiFixtures.writeAgent(
                dir.resolve("expired"),
                mesh.authority(),
                BRAVO,
                now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(1)));

        assertRefusedByServer(server.connect(client(expired)), "EXPIRED");
    }

    @Test
    void refusesClientWithNotYetValidCertificate() {
        Instant now = Instant.now();
        AgentFiles future = PkiFixtures.writeAgent(
                dir.resolve("future"),
                mesh.authority(),
                BRAVO,
                now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(2)));

        assertRefusedByServer(server.connect(client(future)), "NOT_YET_VALID");
    }

    @Test
    void refusesRevokedAgent() {
        revoked.add(BRAVO);

        assertRefusedByServer(server.connect(client(mesh.agent(BRAVO))), "Agent bravo is revoked");
    }

    @Test
    void refusesRevokedAgentEvenWhenItTriesToResumeAnEarlierSession() throws Exception {
        // A plain JDK client that caches sessions and offers them for resumption, as an attacker would.
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("mesh-ca", Pem.readCertificate(mesh.caCertificate()));
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(anchors);
        SSLContext resuming = SSLContext.getInstance("TLSv1.3");
        resuming.init(new KeyManager[] {keyManager(mesh.agent(BRAVO))}, trust.getTrustManagers(), new SecureRandom());
        assertThat(server.connect(resuming).serverSawClient()).isEqualTo(BRAVO);
        assertThat(resuming.getClientSessionContext().getIds().hasMoreElements())
                .as("client holds a session it could resume")
                .isTrue();

        revoked.add(BRAVO);

        assertRefusedByServer(server.connect(resuming), "Agent bravo is revoked");
    }

    @Test
    void refusesClientOfferingOnlyTls12() throws Exception {
        SSLContext legacy = SSLContext.getInstance("TLS");
        legacy.init(
                new KeyManager[] {keyManager(mesh.agent(BRAVO))},
                new TrustManager[] {trustAnyAgent()},
                new SecureRandom());

        TlsServer.Outcome outcome =
                server.connect(legacy, socket -> socket.setEnabledProtocols(new String[] {"TLSv1.2"}));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.serverSawClient()).isNull();
        assertThat(outcome.serverError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.clientError()).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void refusesServerWhoseIdentityIsNotTheExpectedPeer() {
        SSLContext client = MeshTls.sslContext(
                keyManager(mesh.agent(BRAVO)), MeshTrustManager.expectingPeer(mesh.caCertificate(), Set::of, CHARLIE));

        TlsServer.Outcome outcome = server.connect(client);

        assertThat(outcome.clientSawServer()).isNull();
        assertThat(outcome.clientError())
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("expected agent charlie")
                .hasMessageContaining("for alpha");
        assertThat(outcome.serverSawClient()).isNull();
    }

    @Test
    void refusesServerWithCertificateFromAnotherCa() throws Exception {
        AgentFiles foreign =
                PkiFixtures.writeAgent(dir.resolve("other"), CertificateAuthority.create("other mesh"), ALPHA);

        try (TlsServer impostor = new TlsServer(PkiFixtures.meshContext(foreign, mesh.caCertificate(), Set.of()))) {
            TlsServer.Outcome outcome = impostor.connect(client(mesh.agent(BRAVO)));

            assertThat(outcome.clientSawServer()).isNull();
            assertThat(outcome.clientError())
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("not trusted by the mesh CA");
        }
    }

    @Test
    void serverPresentsRotatedCertificateWithoutRestart() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        AgentFiles alpha = mesh.agent(ALPHA);
        ReloadingKeyManager keyManager = new ReloadingKeyManager(alpha.certificate(), alpha.privateKey(), clock);
        SSLContext bravo = client(mesh.agent(BRAVO));
        try (TlsServer rotating = new TlsServer(
                MeshTls.sslContext(keyManager, MeshTrustManager.acceptingAnyAgent(mesh.caCertificate(), Set::of)))) {
            X509Certificate before = rotating.connect(bravo).serverLeaf();

            mesh.addAgent(ALPHA);
            PkiFixtures.touchForward(alpha.certificate(), Duration.ofSeconds(10));
            clock.advance(Duration.ofSeconds(1));
            TlsServer.Outcome after = rotating.connect(bravo);

            assertThat(after.succeeded()).as("%s", after).isTrue();
            assertThat(after.clientSawServer()).isEqualTo(ALPHA);
            assertThat(after.serverLeaf().getSerialNumber())
                    .isNotEqualTo(before.getSerialNumber())
                    .isEqualTo(Pem.readCertificate(alpha.certificate()).getSerialNumber());
        }
    }

    private SSLContext client(AgentFiles agent) {
        return PkiFixtures.meshContext(agent, mesh.caCertificate(), Set.of());
    }

    private MeshTrustManager trustAnyAgent() {
        return MeshTrustManager.acceptingAnyAgent(mesh.caCertificate(), Set::of);
    }

    private static ReloadingKeyManager keyManager(AgentFiles agent) {
        return new ReloadingKeyManager(agent.certificate(), agent.privateKey());
    }

    /** The server refused the client (message fragment from our trust manager, if any) and never saw an identity. */
    private static void assertRefusedByServer(TlsServer.Outcome outcome, String serverMessage) {
        assertThat(outcome.succeeded()).as("%s", outcome).isFalse();
        assertThat(outcome.serverSawClient()).isNull();
        assertThat(outcome.serverError())
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining(serverMessage);
        assertThat(outcome.clientError()).isNotNull();
    }
}
