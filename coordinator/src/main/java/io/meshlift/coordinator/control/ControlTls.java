package io.meshlift.coordinator.control;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.MeshTls;
import io.meshlift.core.pki.MeshTrustManager;
import io.meshlift.core.pki.ReloadingKeyManager;

/**
 * TLS of the control channel: TLS 1.3 only, a client certificate from the mesh CA required, and the
 * coordinator's own certificate and key re-read when their files change (rotation without restart).
 *
 * <p>The JDK engine, not BoringSSL: the control channel carries small messages, so the engine's cost
 * does not matter, and {@link MeshTrustManager} invalidates every JDK session after the handshake, so no
 * connection ever resumes past a revocation or CA rotation.
 */
final class ControlTls {

    private ControlTls() {}

    /** @param revoked read on every handshake; a revoked agent's certificate is refused there */
    static SslContext serverContext(Path certificate, Path key, Path ca, Supplier<Set<AgentId>> revoked)
            throws SSLException {
        return GrpcSslContexts.configure(
                        SslContextBuilder.forServer(new ReloadingKeyManager(certificate, key)), SslProvider.JDK)
                .trustManager(MeshTrustManager.acceptingAnyAgent(ca, revoked))
                .clientAuth(ClientAuth.REQUIRE)
                .protocols(MeshTls.PROTOCOLS)
                .build();
    }
}
