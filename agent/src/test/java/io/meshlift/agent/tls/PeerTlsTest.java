package io.meshlift.agent.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meshlift.agent.config.AgentConfig;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;
import io.meshlift.proto.peer.v1.Availability;
import io.meshlift.proto.peer.v1.AvailabilityRequest;
import io.meshlift.proto.peer.v1.PeerTransferGrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mesh's TLS, whichever engine {@link PeerTls#provider()} picks: every connection runs the full
 * trust check, so a revoked agent cannot slip back in by resuming an earlier session.
 */
class PeerTlsTest {

    private static final AgentId SERVER = AgentId.of("server");
    private static final AgentId CLIENT = AgentId.of("client");

    @TempDir
    Path dir;

    private final Set<AgentId> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger trustChecks = new AtomicInteger();
    private LocalMesh mesh;
    private Server server;

    @BeforeEach
    void startServer() throws Exception {
        mesh = LocalMesh.create(dir, List.of(SERVER, CLIENT));
        Supplier<Set<AgentId>> countingRevocations = () -> {
            trustChecks.incrementAndGet();
            return Set.copyOf(revoked);
        };
        PeerTls serverTls = new PeerTls(tls(SERVER), countingRevocations);
        server = NettyServerBuilder.forPort(0)
                .sslContext(serverTls.serverContext())
                .addService(new PeerTransferGrpc.PeerTransferImplBase() {
                    @Override
                    public void getAvailability(AvailabilityRequest request, StreamObserver<Availability> observer) {
                        observer.onNext(
                                Availability.newBuilder().setComplete(true).build());
                        observer.onCompleted();
                    }
                })
                .build()
                .start();
    }

    @AfterEach
    void stopServer() {
        server.shutdownNow();
    }

    @Test
    void everyConnectionRunsTheFullTrustCheckEvenWithASharedClientContext() throws Exception {
        SslContext client = new PeerTls(tls(CLIENT), Set::of).clientContext(SERVER);

        call(client);
        int afterFirst = trustChecks.get();
        call(client);

        assertThat(afterFirst).isPositive();
        assertThat(trustChecks.get()).isGreaterThan(afterFirst);
    }

    @Test
    void revokedAgentIsRefusedOnItsNextConnectionDespiteAnEarlierSession() throws Exception {
        SslContext client = new PeerTls(tls(CLIENT), Set::of).clientContext(SERVER);
        call(client);

        revoked.add(CLIENT);

        assertThatThrownBy(() -> call(client)).isInstanceOf(StatusRuntimeException.class);
    }

    @Test
    void clientRefusesAServerThatIsNotTheExpectedAgent() throws Exception {
        SslContext expectsSomeoneElse = new PeerTls(tls(CLIENT), Set::of).clientContext(AgentId.of("other"));

        assertThatThrownBy(() -> call(expectsSomeoneElse)).isInstanceOf(StatusRuntimeException.class);
    }

    private void call(SslContext client) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .sslContext(client)
                .build();
        try {
            PeerTransferGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getAvailability(AvailabilityRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private AgentConfig.Tls tls(AgentId agent) {
        LocalMesh.AgentFiles files = mesh.agent(agent);
        return new AgentConfig.Tls() {
            @Override
            public Path cert() {
                return files.certificate();
            }

            @Override
            public Path key() {
                return files.privateKey();
            }

            @Override
            public Path ca() {
                return mesh.caCertificate();
            }
        };
    }
}
