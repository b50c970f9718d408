package io.meshlift.core.pki;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;

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
    private SSLContext server;
    private final Set<AgentId> revoked = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void createMesh() {
        mesh = LocalMesh.create(dir.resolve("mesh"), List.of(ALPHA, BRAVO));
        server = PkiFixtures.meshContext(mesh.agent(ALPHA), mesh.caCertificate(), revoked);
    }

    @Test
    void mutualHandshakeSucceedsAndEachSideSeesTheOthersAgentId() {
        TlsHandshake.Outcome outcome = TlsHandshake.connect(server, client(mesh.agent(BRAVO)));

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(outcome.serverSawClient()).isEqualTo(BRAVO);
        assertThat(outcome.clientSawServer()).isEqualTo(ALPHA);
    }

    @Test
    void clientExpectingTheServersIdentityConnects() {
        SSLContext client = MeshTls.sslContext(
                keyManager(mesh.agent(BRAVO)), MeshTrustManager.expectingPeer(mesh.caCertificate(), Set::of, ALPHA));

        assertThat(TlsHandshake.connect(server, client).clientSawServer()).isEqualTo(ALPHA);
    }

    @Test
    void refusesClientWithoutCertificate() throws Exception {
        SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
        anonymous.init(null, new TrustManager[] {trustAnyAgent()}, new SecureRandom());

        TlsHandshake.Outcome outcome = TlsHandshake.connect(server, anonymous);

        assertRefusedByServer(outcome, "");
    }

    @Test
    void refusesSelfSignedClientCertificate() {
        AgentFiles forged = PkiFixtures.writeSelfSignedAgent(dir.resolve("forged"), BRAVO);

        assertRefusedByServer(TlsHandshake.connect(server, client(forged)), "not trusted by the mesh CA");
    }

    @Test
    void refusesClientWithCertificateFromAnotherCa() {
        CertificateAuthority otherCa = CertificateAuthority.create("other mesh");
        AgentFiles foreign = PkiFixtures.writeAgent(dir.resolve("other"), otherCa, BRAVO);

        assertRefusedByServer(TlsHandshake.connect(server, client(foreign)), "not trusted by the mesh CA");
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

        assertRefusedByServer(TlsHandshake.connect(server, client(expired)), "EXPIRED");
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

        assertRefusedByServer(TlsHandshake.connect(server, client(future)), "NOT_YET_VALID");
    }

    @Test
    void refusesRevokedAgent() {
        revoked.add(BRAVO);

        assertRefusedByServer(TlsHandshake.connect(server, client(mesh.agent(BRAVO))), "Agent bravo is revoked");
    }

    @Test
    void refusesRevokedAgentEvenWhenItResumesAnEarlierSession() {
        SSLContext bravo = client(mesh.agent(BRAVO));
        assertThat(TlsHandshake.connect(server, bravo).succeeded()).isTrue();

        revoked.add(BRAVO);

        assertRefusedByServer(TlsHandshake.connect(server, bravo), "Agent bravo is revoked");
    }

    @Test
    void refusesClientOfferingOnlyTls12() throws Exception {
        SSLContext legacy = SSLContext.getInstance("TLS");
        legacy.init(
                new KeyManager[] {keyManager(mesh.agent(BRAVO))},
                new TrustManager[] {trustAnyAgent()},
                new SecureRandom());

        TlsHandshake.Outcome outcome =
                TlsHandshake.connect(server, legacy, socket -> socket.setEnabledProtocols(new String[] {"TLSv1.2"}));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.serverSawClient()).isNull();
        assertThat(outcome.serverError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(outcome.clientError()).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void refusesServerWhoseIdentityIsNotTheExpectedPeer() {
        SSLContext client = MeshTls.sslContext(
                keyManager(mesh.agent(BRAVO)), MeshTrustManager.expectingPeer(mesh.caCertificate(), Set::of, CHARLIE));

        TlsHandshake.Outcome outcome = TlsHandshake.connect(server, client);

        assertThat(outcome.clientSawServer()).isNull();
        assertThat(outcome.clientError())
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("expected agent charlie")
                .hasMessageContaining("for alpha");
        assertThat(outcome.serverSawClient()).isNull();
    }

    @Test
    void refusesServerWithCertificateFromAnotherCa() {
        AgentFiles foreign =
                PkiFixtures.writeAgent(dir.resolve("other"), CertificateAuthority.create("other mesh"), ALPHA);
        SSLContext impostor = PkiFixtures.meshContext(foreign, mesh.caCertificate(), Set.of());

        TlsHandshake.Outcome outcome = TlsHandshake.connect(impostor, client(mesh.agent(BRAVO)));

        assertThat(outcome.clientSawServer()).isNull();
        assertThat(outcome.clientError())
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("not trusted by the mesh CA");
    }

    @Test
    void serverPresentsRotatedCertificateWithoutRestart() {
        MutableClock clock = MutableClock.startingNow();
        AgentFiles alpha = mesh.agent(ALPHA);
        ReloadingKeyManager keyManager = new ReloadingKeyManager(alpha.certificate(), alpha.privateKey(), clock);
        SSLContext rotating =
                MeshTls.sslContext(keyManager, MeshTrustManager.acceptingAnyAgent(mesh.caCertificate(), Set::of));
        SSLContext bravo = client(mesh.agent(BRAVO));
        var before = TlsHandshake.connect(rotating, bravo).serverLeaf();

        mesh.addAgent(ALPHA);
        PkiFixtures.touchForward(alpha.certificate(), Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(1));
        TlsHandshake.Outcome after = TlsHandshake.connect(rotating, bravo);

        assertThat(after.succeeded()).as("%s", after).isTrue();
        assertThat(after.clientSawServer()).isEqualTo(ALPHA);
        assertThat(after.serverLeaf().getSerialNumber())
                .isNotEqualTo(before.getSerialNumber())
                .isEqualTo(Pem.readCertificate(alpha.certificate()).getSerialNumber());
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
    private static void assertRefusedByServer(TlsHandshake.Outcome outcome, String serverMessage) {
        assertThat(outcome.succeeded()).as("%s", outcome).isFalse();
        assertThat(outcome.serverSawClient()).isNull();
        assertThat(outcome.serverError())
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining(serverMessage);
        assertThat(outcome.clientError()).isNotNull();
    }
}
