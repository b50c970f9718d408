package io.meshlift.agent.peer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

import io.meshlift.agent.config.AgentConfig.PeerAuthorization;
import io.meshlift.core.manifest.HashCache;
import io.meshlift.core.path.Volumes;

/**
 * The real peer service serving a volume over an in-process channel, for tests of the pull engine
 * that need a source but not sockets or TLS.
 */
public final class InProcessPeer implements AutoCloseable {

    private final Server server;
    private final ManagedChannel channel;
    private final ExecutorService io;

    private InProcessPeer(Server server, ManagedChannel channel, ExecutorService io) {
        this.server = server;
        this.channel = channel;
        this.io = io;
    }

    /** Serves {@code root} as volume "data". */
    public static InProcessPeer serving(Path root) throws IOException {
        ExecutorService io = Executors.newFixedThreadPool(2);
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name)
                // Mesh mode: these tests are about the pull engine; grants are GrantMatrixTest's subject.
                .addService(ServerInterceptors.intercept(
                        new PeerTransferGrpcService(
                                new SourceDatasets(Volumes.of(Map.of("data", root))),
                                HashCache.NONE,
                                io,
                                64,
                                new PeerCounters(),
                                new PeerRefusals(refusal -> {}, Clock.systemUTC(), 60)),
                        new PeerGrantInterceptor(new PeerAuthorizer(PeerAuthorization.MESH, null))))
                .build()
                .start();
        return new InProcessPeer(server, InProcessChannelBuilder.forName(name).build(), io);
    }

    public ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        io.shutdownNow();
    }
}
