package io.meshlift.core.pki;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.meshlift.core.pki.PkiFixtures.ALPHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeshTlsTest {

    @TempDir
    Path dir;

    private SSLContext context;

    @BeforeEach
    void createContext() {
        LocalMesh mesh = LocalMesh.create(dir, List.of(ALPHA));
        context = PkiFixtures.meshContext(mesh.agent(ALPHA), mesh.caCertificate(), Set.of());
    }

    @Test
    void protocolsConstantIsTls13Only() {
        assertThat(MeshTls.PROTOCOLS).containsExactly("TLSv1.3");
        assertThatThrownBy(() -> MeshTls.PROTOCOLS.set(0, "TLSv1.2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void socketsEnginesAndParametersAllowOnlyTls13() throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3");
        }
        SSLEngine engine = context.createSSLEngine();
        assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3");
        assertThat(context.getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.3");
        assertThat(context.getSupportedSSLParameters().getProtocols()).containsExactly("TLSv1.3");
        assertThat(context.getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void serverSocketsAndServerEnginesRequireClientCertificates() throws Exception {
        try (SSLServerSocket server = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getNeedClientAuth()).isTrue();
            assertThat(server.getEnabledProtocols()).containsExactly("TLSv1.3");
        }
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        assertThat(engine.getNeedClientAuth()).isTrue();
    }
}
