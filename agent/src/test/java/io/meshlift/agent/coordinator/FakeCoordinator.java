package io.meshlift.agent.coordinator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import io.meshlift.agent.config.AgentConfig;
import io.meshlift.agent.tls.PeerTls;
import io.meshlift.core.grant.GrantKeys;
import io.meshlift.core.grant.GrantSigner;
import io.meshlift.core.grant.PeerGrant;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;
import io.meshlift.proto.control.v1.AgentControlGrpc;
import io.meshlift.proto.control.v1.AgentMessage;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.proto.control.v1.Register;
import io.meshlift.proto.control.v1.Report;
import io.meshlift.proto.control.v1.ReportAck;
import io.meshlift.proto.control.v1.SurveyResult;
import io.meshlift.proto.control.v1.Welcome;

/**
 * A coordinator's AgentControl endpoint over real mTLS, for tests: records what agents send, stores
 * reports once per id like the real one, and acknowledges them unless told not to.
 */
final class FakeCoordinator implements AutoCloseable {

    /** The installation's grant key, the same for every fake coordinator of the run (like shared replicas). */
    static final GrantSigner GRANTS = new GrantSigner(GrantKeys.generate());

    final List<Register> registers = new CopyOnWriteArrayList<>();
    final AtomicInteger heartbeats = new AtomicInteger();
    final AtomicInteger streams = new AtomicInteger();
    /** Every report id in the order received, duplicates included. */
    final List<Long> received = new CopyOnWriteArrayList<>();

    final Map<Long, Report> stored = new ConcurrentSkipListMap<>();
    /** Answers to surveys, in the order received. */
    final List<SurveyResult> surveys = new CopyOnWriteArrayList<>();

    private final boolean acknowledge;
    private final int heartbeatMillis;
    private final Server server;
    private volatile StreamObserver<CoordinatorMessage> current;

    private FakeCoordinator(
            LocalMesh mesh, LocalMesh.AgentFiles identity, int port, boolean acknowledge, int heartbeatMillis)
            throws Exception {
        this.acknowledge = acknowledge;
        this.heartbeatMillis = heartbeatMillis;
        PeerTls tls = new PeerTls(tls(mesh, identity), Set::of);
        this.server = NettyServerBuilder.forPort(port)
                .sslContext(tls.serverContext())
                .addService(new Service())
                .build()
                .start();
    }

    static FakeCoordinator start(LocalMesh mesh, LocalMesh.AgentFiles identity, int port, boolean acknowledge)
            throws Exception {
        return new FakeCoordinator(mesh, identity, port, acknowledge, 100);
    }

    void send(CoordinatorMessage message) {
        StreamObserver<CoordinatorMessage> stream = current;
        if (stream == null) {
            throw new IllegalStateException("no agent connected");
        }
        synchronized (stream) {
            stream.onNext(message);
        }
    }

    boolean connected() {
        return current != null;
    }

    /** A grant like the coordinator's: {@code requester} may read {@code volume}/{@code path} from {@code source}. */
    static ByteString grant(String assignmentId, String source, String requester, String volume, String path) {
        Instant now = Instant.now();
        return ByteString.copyFrom(GRANTS.sign(new PeerGrant(
                        "job-1",
                        assignmentId,
                        "dataset",
                        AgentId.of(source),
                        volume,
                        RelativePath.parseOrRoot(path),
                        AgentId.of(requester),
                        now,
                        now.plusSeconds(600)))
                .encode());
    }

    List<Report> peerRefusals() {
        return stored.values().stream().filter(Report::hasPeerRefused).toList();
    }

    List<Report> reportsFor(String assignmentId) {
        return stored.values().stream()
                .filter(report -> report.getAssignmentId().equals(assignmentId))
                .toList();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private final class Service extends AgentControlGrpc.AgentControlImplBase {

        @Override
        public StreamObserver<AgentMessage> connect(StreamObserver<CoordinatorMessage> responses) {
            streams.incrementAndGet();
            return new StreamObserver<>() {
                @Override
                public void onNext(AgentMessage message) {
                    switch (message.getBodyCase()) {
                        case REGISTER -> {
                            registers.add(message.getRegister());
                            long highest =
                                    stored.isEmpty() ? 0 : ((ConcurrentSkipListMap<Long, Report>) stored).lastKey();
                            synchronized (responses) {
                                responses.onNext(CoordinatorMessage.newBuilder()
                                        .setWelcome(Welcome.newBuilder()
                                                .setCoordinatorId("fake")
                                                .setHeartbeatIntervalMs(heartbeatMillis)
                                                .setAcknowledgedReportId(acknowledge ? highest : 0)
                                                .setGrantPublicKey(ByteString.copyFrom(GRANTS.publicKey()))
                                                .setGrantKeyId(GRANTS.keyId()))
                                        .build());
                            }
                            current = responses;
                        }
                        case HEARTBEAT -> heartbeats.incrementAndGet();
                        case SURVEY_RESULT -> surveys.add(message.getSurveyResult());
                        case REPORT -> {
                            Report report = message.getReport();
                            received.add(report.getReportId());
                            stored.putIfAbsent(report.getReportId(), report);
                            if (acknowledge) {
                                synchronized (responses) {
                                    responses.onNext(CoordinatorMessage.newBuilder()
                                            .setReportAck(ReportAck.newBuilder().setUpToReportId(report.getReportId()))
                                            .build());
                                }
                            }
                        }
                        default -> {}
                    }
                }

                @Override
                public void onError(Throwable error) {
                    current = null;
                }

                @Override
                public void onCompleted() {
                    current = null;
                    synchronized (responses) {
                        responses.onCompleted();
                    }
                }
            };
        }
    }

    private static AgentConfig.Tls tls(LocalMesh mesh, LocalMesh.AgentFiles files) {
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
