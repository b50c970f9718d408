package io.meshlift.agent.tls;

import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import io.meshlift.agent.config.AgentConfig;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.MeshTls;
import io.meshlift.core.pki.MeshTrustManager;
import io.meshlift.core.pki.ReloadingKeyManager;

/**
 * TLS for the peer mesh: TLS 1.3 only, client certificates required, trust limited to the mesh CA,
 * and the server's identity checked against the agent the client meant to reach. Certificates and
 * the CA are re-read when their files change, so rotation needs no restart.
 */
public final class PeerTls {

    private final ReloadingKeyManager keyManager;
    private final AgentConfig.Tls config;
    private final Supplier<Set<AgentId>> revokedAgents;

    public PeerTls(AgentConfig.Tls config, Supplier<Set<AgentId>> revokedAgents) {
        this.config = config;
        this.keyManager = new ReloadingKeyManager(config.cert(), config.key());
        this.revokedAgents = revokedAgents;
    }

    /**
     * BoringSSL when its native library loads, the JDK engine otherwise. Both call the same trust
     * manager on every handshake: Netty's BoringSSL contexts issue no session tickets (TLS 1.3
     * resumption needs one), and the JDK path invalidates each session in {@link MeshTrustManager};
     * PeerTlsTest proves a second connection runs the full trust check again.
     */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * No session cache and no tickets: a resumed session would skip the trust manager, and with it
     * revocation and CA rotation. Every connection pays a full handshake instead (cheap next to a
     * transfer).
     */
    private static SslContext withoutResumption(SslContext context) {
        if (context.sessionContext() instanceof OpenSslSessionContext openSsl) {
            openSsl.setSessionCacheEnabled(false);
            openSsl.setSessionCacheSize(1);
            openSsl.setSessionTimeout(1);
        }
        return context;
    }

    /** The identity in this agent's own certificate. */
    public AgentId ownIdentity() {
        return keyManager.agentId();
    }

    public SslContext serverContext() throws SSLException {
        return withoutResumption(GrpcSslContexts.configure(SslContextBuilder.forServer(keyManager), provider())
                .trustManager(MeshTrustManager.acceptingAnyAgent(config.ca(), revokedAgents))
                .clientAuth(ClientAuth.REQUIRE)
                .protocols(MeshTls.PROTOCOLS)
                .build());
    }

    /** Client context that accepts only a server proving to be {@code expectedPeer}. */
    public SslContext clientContext(AgentId expectedPeer) throws SSLException {
        return withoutResumption(GrpcSslContexts.configure(SslContextBuilder.forClient(), provider())
                .keyManager(keyManager)
                .trustManager(MeshTrustManager.expectingPeer(config.ca(), revokedAgents, expectedPeer))
                .protocols(MeshTls.PROTOCOLS)
                .build());
    }
}
