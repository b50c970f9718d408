package io.meshlift.coordinator.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;
import io.meshlift.core.pki.MeshTls;
import io.meshlift.core.pki.MeshTrustManager;
import io.meshlift.core.pki.ReloadingKeyManager;
import io.meshlift.proto.control.v1.AgentControlGrpc;
import io.meshlift.proto.control.v1.AgentMessage;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.proto.control.v1.Heartbeat;
import io.meshlift.proto.control.v1.Register;
import io.meshlift.proto.control.v1.Report;
import io.meshlift.proto.control.v1.Volume;

/**
 * An agent's side of the control stream, over a real mTLS socket with a mesh certificate: sends what a
 * test tells it to and keeps everything the coordinator sends.
 */
final class FakeAgent implements AutoCloseable {

    private final String certifiedAs;
    private final ManagedChannel channel;
    private final StreamObserver<AgentMessage> requests;
    private final List<CoordinatorMessage> received = new ArrayList<>();
    private final CompletableFuture<Status> closed = new CompletableFuture<>();
    private ScheduledExecutorService heartbeats;

    private FakeAgent(Path caCertificate, String certifiedAs, int port, String bearerToken) throws SSLException {
        this.certifiedAs = certifiedAs;
        LocalMesh mesh = LocalMesh.open(caCertificate.getParent());
        LocalMesh.AgentFiles files = mesh.agent(AgentId.of(certifiedAs));
        SslContext tls = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .keyManager(new ReloadingKeyManager(files.certificate(), files.privateKey()))
                .trustManager(MeshTrustManager.expectingPeer(caCertificate, Set::of, AgentId.of("coordinator")))
                .protocols(MeshTls.PROTOCOLS)
                .build();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                .sslContext(tls)
                .build();
        AgentControlGrpc.AgentControlStub stub = AgentControlGrpc.newStub(channel);
        if (bearerToken != null) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + bearerToken);
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        requests = stub.connect(new StreamObserver<>() {
            @Override
            public void onNext(CoordinatorMessage message) {
                synchronized (received) {
                    received.add(message);
                    received.notifyAll();
                }
            }

            @Override
            public void onError(Throwable error) {
                closed.complete(Status.fromThrowable(error));
            }

            @Override
            public void onCompleted() {
                closed.complete(Status.OK);
            }
        });
    }

    /** Opens a control stream presenting {@code certifiedAs}'s certificate. */
    static FakeAgent connect(Path caCertificate, String certifiedAs, int port) throws SSLException {
        return new FakeAgent(caCertificate, certifiedAs, port, null);
    }

    /** Opens a control stream presenting the certificate and {@code authorization: Bearer <bearerToken>}. */
    static FakeAgent connect(Path caCertificate, String certifiedAs, int port, String bearerToken) throws SSLException {
        return new FakeAgent(caCertificate, certifiedAs, port, bearerToken);
    }

    void reauthenticate(String accessToken) {
        send(AgentMessage.newBuilder()
                .setReauthenticate(
                        io.meshlift.proto.control.v1.Reauthenticate.newBuilder().setAccessToken(accessToken))
                .build());
    }

    synchronized void send(AgentMessage message) {
        requests.onNext(message);
    }

    /** Registers under its certificate's identity. */
    FakeAgent register() {
        return register(certifiedAs);
    }

    FakeAgent register(String agentId) {
        send(AgentMessage.newBuilder()
                .setRegister(Register.newBuilder()
                        .setAgentId(agentId)
                        .setVersion("test")
                        .addVolumes(Volume.newBuilder()
                                .setName("data")
                                .setFreeBytes(1000)
                                .setTotalBytes(2000))
                        .setPeerHost("127.0.0.1")
                        .setPeerPort(17000)
                        .setMaxConcurrentPulls(2))
                .build());
        return this;
    }

    void heartbeat(String... runningAssignments) {
        send(AgentMessage.newBuilder()
                .setHeartbeat(Heartbeat.newBuilder().addAllRunningAssignmentIds(List.of(runningAssignments)))
                .build());
    }

    /** Keeps the agent ONLINE: a heartbeat every {@code period}, until closed. */
    FakeAgent heartbeatEvery(Duration period) {
        heartbeats = Executors.newSingleThreadScheduledExecutor();
        heartbeats.scheduleAtFixedRate(
                () -> {
                    try {
                        heartbeat();
                    } catch (RuntimeException e) {
                        // The stream is gone; the test decides whether that matters.
                    }
                },
                0,
                period.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    void report(Report report) {
        send(AgentMessage.newBuilder().setReport(report).build());
    }

    /** Waits for, removes and returns the first message of {@code kind} (others stay for later). */
    CoordinatorMessage next(CoordinatorMessage.BodyCase kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (received) {
            while (true) {
                for (int i = 0; i < received.size(); i++) {
                    if (received.get(i).getBodyCase() == kind) {
                        return received.remove(i);
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError(certifiedAs + " received no " + kind + " within 30 s; got " + received);
                }
                received.wait(left);
            }
        }
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    /** The status the coordinator closed the stream with. */
    Status awaitClosed() throws Exception {
        return closed.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        try {
            synchronized (this) {
                requests.onCompleted();
            }
        } catch (RuntimeException e) {
            // Already closed by the coordinator.
        }
        channel.shutdownNow();
    }
}
