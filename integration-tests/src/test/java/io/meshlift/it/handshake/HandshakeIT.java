package io.meshlift.it.handshake;

import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.meshlift.core.pki.LocalMesh.AgentFiles;
import io.meshlift.it.harness.AgentProcess;
import io.meshlift.it.harness.LocalMeshFixture;
import io.meshlift.it.harness.Workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The peer port of a running agent, probed with plain JDK TLS sockets: only a client holding a valid,
 * unexpired certificate from the mesh CA and speaking TLS 1.3 gets a connection.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class HandshakeIT {

    private static Workspace workspace;
    private static LocalMeshFixture mesh;
    private static AgentProcess agent;

    @BeforeAll
    static void startAgent() {
        workspace = Workspace.forClass(HandshakeIT.class);
        mesh = LocalMeshFixture.create(workspace.dir("mesh"), "src", "dst");
        agent = AgentProcess.builder("src", mesh, workspace)
                .volume("data", workspace.dir("agents", "src", "volume"))
                .start();
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.close();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void acceptsAMeshAgentCertificateOverTls13AndSpeaksHttp2() throws Exception {
        TlsProbe.Accepted accepted = TlsProbe.withCertificate(mesh.agent("dst"), mesh.caCertificate())
                .connect(agent.peerPort());

        assertThat(accepted.protocol()).isEqualTo("TLSv1.3");
        assertThat(accepted.applicationProtocol()).isEqualTo("h2");
        assertThat(accepted.serverSubject()).isEqualTo("CN=src");
        assertThat(accepted.firstFrameType()).isEqualTo(TlsProbe.HTTP2_SETTINGS);
    }

    @Test
    void refusesAClientWithoutCertificate() {
        TlsProbe probe = TlsProbe.withoutCertificate(mesh.caCertificate());

        assertRefused(probe);
    }

    @Test
    void refusesACertificateFromAnotherCa() throws Exception {
        AgentFiles foreign = LocalMeshFixture.issueFromForeignCa("dst", workspace.dir("foreign"));

        assertRefused(TlsProbe.withCertificate(foreign, mesh.caCertificate()));
    }

    @Test
    void refusesAnExpiredCertificateFromTheMeshCa() throws Exception {
        Instant now = Instant.now();
        AgentFiles expired = mesh.issueWithValidity(
                "dst", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), workspace.dir("expired"));

        assertRefused(TlsProbe.withCertificate(expired, mesh.caCertificate()));
    }

    @Test
    void refusesAClientOfferingOnlyTls12() throws Exception {
        TlsProbe tls12 = TlsProbe.withCertificate(mesh.agent("dst"), mesh.caCertificate())
                .offeringOnly("TLSv1.2");

        assertRefused(tls12);
    }

    private static void assertRefused(TlsProbe probe) {
        assertThatThrownBy(() -> probe.connect(agent.peerPort()))
                .as("the agent must refuse the handshake")
                .isInstanceOf(SSLException.class)
                // An alert received from the agent: the refusal is the server's, not a local failure.
                .hasMessageStartingWith("Received fatal alert");
        assertThat(agent.isAlive()).isTrue();
    }
}
