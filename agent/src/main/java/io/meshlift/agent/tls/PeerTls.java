package io.meshlift.agent.tls;

import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
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
     * The JDK engine, on purpose: {@link MeshTrustManager} invalidates every session so each
     * connection runs the full trust check (revocation, CA rotation); that guarantee is tested for the
     * JDK provider. A native provider would be faster but could resume sessions past those checks.
     */
    static SslProvider provider() {
        return SslProvider.JDK;
    }

    /** The identity in this agent's own certificate. */
    public AgentId ownIdentity() {
        return keyManager.agentId();
    }

    public SslContext serverContext() throws SSLException {
        return GrpcSslContexts.configure(SslContextBuilder.forServer(keyManager), provider())
                .trustManager(MeshTrustManager.acceptingAnyAgent(config.ca(), revokedAgents))
                .clientAuth(ClientAuth.REQUIRE)
                .protocols(MeshTls.PROTOCOLS)
                .build();
    }

    /** Client context that accepts only a server proving to be {@code expectedPeer}. */
    public SslContext clientContext(AgentId expectedPeer) throws SSLException {
        return GrpcSslContexts.configure(SslContextBuilder.forClient(), provider())
                .keyManager(keyManager)
                .trustManager(MeshTrustManager.expectingPeer(config.ca(), revokedAgents, expectedPeer))
                .protocols(MeshTls.PROTOCOLS)
                .build();
    }
}
