package io.meshlift.bench.agents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;
import io.meshlift.core.pki.MeshTls;
import io.meshlift.core.pki.MeshTrustManager;

/**
 * Many {@link SimulatedAgent}s in one JVM. Each has its own key and certificate from the run's mesh CA
 * ({@link LocalMesh}) and its own TLS 1.3 connection; they share two event-loop threads and one timer, so
 * the simulation itself stays light next to the coordinator it loads.
 */
public final class SimulatedFleet implements AutoCloseable {

    private final LocalMesh mesh;
    private final String controlHost;
    private final int controlPort;
    private final EventLoopGroup eventLoops = new NioEventLoopGroup(2);
    private final ExecutorService callbacks = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    private final FleetCounters counters = new FleetCounters();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<SimulatedAgent> agents = new ArrayList<>();

    public SimulatedFleet(LocalMesh mesh, String controlHost, int controlPort) {
        this.mesh = mesh;
        this.controlHost = controlHost;
        this.controlPort = controlPort;
    }

    /** Agent ids {@code sim-00001...}: valid {@link AgentId}s that sort in creation order. */
    public static List<AgentId> ids(int count) {
        List<AgentId> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(AgentId.of(String.format("sim-%05d", i)));
        }
        return ids;
    }

    /**
     * Connects every agent of {@code ids} (certificates must exist in the mesh), a few at a time, and waits
     * until each got its {@code Welcome}.
     *
     * @return the heartbeat interval the coordinator asked for
     */
    public Duration connect(List<AgentId> ids, Duration timeout) throws SSLException {
        List<CompletableFuture<Long>> welcomes = new ArrayList<>();
        for (AgentId id : ids) {
            SimulatedAgent agent = new SimulatedAgent(id.value(), channel(id), timer, counters);
            agents.add(agent);
            agent.connect();
            welcomes.add(agent.welcomed());
            if (welcomes.size() % 20 == 0) {
                // Bounded bursts of handshakes, as when a fleet comes back after a coordinator restart.
                CompletableFuture.allOf(welcomes.toArray(CompletableFuture[]::new))
                        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .join();
            }
        }
        CompletableFuture.allOf(welcomes.toArray(CompletableFuture[]::new))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        return Duration.ofMillis(welcomes.get(0).join());
    }

    /** Welcomed streams that ended since the start (each agent then dialled again). */
    public long streamsLost() {
        return counters.streamsLost();
    }

    /** Connection attempts that ended before their Welcome (each agent then dialled again). */
    public long connectFailures() {
        return counters.connectFailures();
    }

    /** The last failure or loss, for the results; null when there was none. */
    public String lastProblem() {
        return counters.lastProblem();
    }

    public long heartbeatsSent() {
        return counters.heartbeats();
    }

    private ManagedChannel channel(AgentId id) throws SSLException {
        LocalMesh.AgentFiles files = mesh.agent(id);
        SslContext tls = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .keyManager(files.certificate().toFile(), files.privateKey().toFile())
                .trustManager(MeshTrustManager.expectingPeer(mesh.caCertificate(), Set::of, AgentId.of("coordinator")))
                .protocols(MeshTls.PROTOCOLS)
                .build();
        ManagedChannel channel = NettyChannelBuilder.forAddress(controlHost, controlPort)
                .eventLoopGroup(eventLoops)
                .channelType(NioSocketChannel.class)
                .executor(callbacks)
                .sslContext(tls)
                .build();
        channels.add(channel);
        return channel;
    }

    /** Ends every stream, closes every channel and stops the shared threads. */
    @Override
    public void close() {
        agents.forEach(SimulatedAgent::close);
        channels.forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdownNow();
        callbacks.shutdownNow();
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
