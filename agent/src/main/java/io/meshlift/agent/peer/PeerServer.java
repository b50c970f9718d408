package io.meshlift.agent.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.SslContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import io.meshlift.agent.AgentRuntime;
import io.meshlift.agent.config.AgentConfig;
import io.meshlift.agent.config.AgentConfig.PeerAuthorization;
import io.meshlift.agent.grant.GrantTrust;
import io.meshlift.core.manifest.ChunkLayout;

/**
 * The agent's peer gRPC server (mTLS, TLS 1.3). It uses grpc-java's Netty server directly rather than
 * the Quarkus-managed one, to own the TLS trust decisions (see docs/adr/0002).
 */
@ApplicationScoped
public class PeerServer {

    private static final Logger LOG = Logger.getLogger(PeerServer.class);
    /** One maximum chunk plus framing. */
    static final int MAX_MESSAGE_BYTES = ChunkLayout.MAX_CHUNK_SIZE + 1024 * 1024;

    /** Refusals logged and reported on their own per minute; more are only counted. */
    static final int REFUSALS_PER_MINUTE = 60;

    private final AgentConfig config;
    private final AgentRuntime runtime;
    private final PeerCounters counters;
    private final GrantTrust trust;
    private final PeerRefusalListener refusalListener;
    private Server server;
    private ExecutorService ioExecutor;

    PeerServer(
            AgentConfig config,
            AgentRuntime runtime,
            PeerCounters counters,
            GrantTrust trust,
            Instance<PeerRefusalListener> refusalListeners) {
        this.config = config;
        this.runtime = runtime;
        this.counters = counters;
        this.trust = trust;
        this.refusalListener = refusal -> refusalListeners.forEach(listener -> listener.peerRefused(refusal));
    }

    void start(@Observes StartupEvent event) throws IOException {
        ioExecutor = Executors.newFixedThreadPool(config.peer().ioThreads(), runtime.threads("peer-io"));
        var service = new PeerTransferGrpcService(
                new SourceDatasets(runtime.volumes()),
                runtime.hashCache(),
                ioExecutor,
                config.peer().maxOpenRequestsPerStream(),
                counters,
                new PeerRefusals(refusalListener, Clock.systemUTC(), REFUSALS_PER_MINUTE));
        PeerAuthorization mode = config.peer().authorization();
        if (mode == PeerAuthorization.MESH) {
            LOG.warnf(
                    "agent.peer.authorization=mesh: ANY agent with a mesh certificate may read every dataset in"
                            + " volumes %s. Use it only for a coordinator-less pair; with a coordinator use grants.",
                    runtime.volumes().names());
        }
        server = start(
                new InetSocketAddress(config.peer().host(), config.peer().port()),
                runtime.tls().serverContext(),
                service,
                new PeerAuthorizer(mode, trust));
        LOG.infof(
                "agent %s serving volumes %s to peers on %s:%d (mTLS, TLS 1.3, authorization: %s)",
                config.id(),
                runtime.volumes().names(),
                config.peer().host(),
                server.getPort(),
                mode.name().toLowerCase(Locale.ROOT));
    }

    /**
     * The peer server: identity from the client certificate first, then the grant decision, then the
     * service. Also used by tests that need the real server on a real socket.
     */
    static Server start(
            InetSocketAddress address, SslContext ssl, PeerTransferGrpcService service, PeerAuthorizer authorizer)
            throws IOException {
        return NettyServerBuilder.forAddress(address)
                .sslContext(ssl)
                .maxInboundMessageSize(64 * 1024)
                .maxInboundMetadataSize(16 * 1024)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                // The last interceptor runs first: identity, then the grant that depends on it.
                .addService(ServerInterceptors.intercept(
                        service, new PeerGrantInterceptor(authorizer), new PeerIdentityInterceptor()))
                .build()
                .start();
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return server.getPort();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (server != null) {
            server.shutdown();
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        }
        if (ioExecutor != null) {
            ioExecutor.shutdownNow();
        }
    }
}
