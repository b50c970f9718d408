package io.meshlift.agent.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import io.meshlift.agent.AgentRuntime;
import io.meshlift.agent.config.AgentConfig;
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

    private final AgentConfig config;
    private final AgentRuntime runtime;
    private final PeerCounters counters;
    private Server server;
    private ExecutorService ioExecutor;

    PeerServer(AgentConfig config, AgentRuntime runtime, PeerCounters counters) {
        this.config = config;
        this.runtime = runtime;
        this.counters = counters;
    }

    void start(@Observes StartupEvent event) throws IOException {
        ioExecutor = Executors.newFixedThreadPool(config.peer().ioThreads(), runtime.threads("peer-io"));
        var service = new PeerTransferGrpcService(
                new SourceDatasets(runtime.volumes()),
                runtime.hashCache(),
                ioExecutor,
                config.peer().maxOpenRequestsPerStream(),
                counters);
        server = NettyServerBuilder.forAddress(new InetSocketAddress(
                        config.peer().host(), config.peer().port()))
                .sslContext(runtime.tls().serverContext())
                .maxInboundMessageSize(64 * 1024)
                .maxInboundMetadataSize(16 * 1024)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .addService(ServerInterceptors.intercept(service, new PeerIdentityInterceptor()))
                .build()
                .start();
        LOG.infof(
                "agent %s serving volumes %s to peers on %s:%d (mTLS, TLS 1.3)",
                config.id(), runtime.volumes().names(), config.peer().host(), server.getPort());
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
