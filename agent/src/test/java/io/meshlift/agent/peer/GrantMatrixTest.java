package io.meshlift.agent.peer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.meshlift.agent.config.AgentConfig;
import io.meshlift.agent.config.AgentConfig.PeerAuthorization;
import io.meshlift.agent.grant.GrantTrust;
import io.meshlift.agent.tls.PeerTls;
import io.meshlift.agent.transfer.PeerChannels;
import io.meshlift.agent.transfer.PeerEndpoint;
import io.meshlift.agent.wire.GrantMetadata;
import io.meshlift.core.grant.GrantKeys;
import io.meshlift.core.grant.GrantRefusedException.Reason;
import io.meshlift.core.grant.GrantSigner;
import io.meshlift.core.grant.PeerGrant;
import io.meshlift.core.grant.SignedGrant;
import io.meshlift.core.manifest.FileStat;
import io.meshlift.core.manifest.HashCache;
import io.meshlift.core.path.RelativePath;
import io.meshlift.core.path.Volumes;
import io.meshlift.core.pki.AgentId;
import io.meshlift.core.pki.LocalMesh;
import io.meshlift.proto.peer.v1.AvailabilityRequest;
import io.meshlift.proto.peer.v1.ChunkRequest;
import io.meshlift.proto.peer.v1.ChunkResponse;
import io.meshlift.proto.peer.v1.DatasetRef;
import io.meshlift.proto.peer.v1.ManifestPart;
import io.meshlift.proto.peer.v1.ManifestRequest;
import io.meshlift.proto.peer.v1.PeerTransferGrpc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grant matrix: the real peer server on a real mTLS socket (TLS 1.3, mesh certificates from {@link
 * LocalMesh}), called with every kind of wrong grant on each of its three methods. Each wrong one answers
 * PERMISSION_DENIED with its reason (never a stack trace), serves nothing, and produces exactly one refusal
 * report; the right one is served. 15 refusal cases x 3 methods = 45 denials, plus 3 served, plus mesh mode.
 */
class GrantMatrixTest {

    static final AgentId SOURCE = AgentId.of("src-agent");
    static final AgentId REQUESTER = AgentId.of("dst-agent");
    static final AgentId OTHER = AgentId.of("other-agent");
    static final String JOB = "7d1f0c52-3b4a-4e8f-9c61-2a5b7e9d0f13";
    static final int CHUNK = 64 * 1024;

    enum Method {
        GET_MANIFEST("GetManifest"),
        FETCH_CHUNKS("FetchChunks"),
        GET_AVAILABILITY("GetAvailability");

        final String wireName;

        Method(String wireName) {
            this.wireName = wireName;
        }
    }

    /** One wrong way to ask: who calls, with which grant bytes, for which volume/path; and the reason. */
    record Case(
            String name,
            AgentId caller,
            Function<GrantMatrixTest, byte[]> grant,
            String volume,
            String path,
            Reason expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> REFUSALS = List.of(
            new Case("no grant", REQUESTER, t -> null, "data", "data/a", Reason.MISSING),
            new Case(
                    "grant for another dataset",
                    REQUESTER,
                    t -> t.sign(t.grantFor("data", "data/b")),
                    "data",
                    "data/a",
                    Reason.OUTSIDE_GRANT),
            new Case(
                    "grant for another volume",
                    REQUESTER,
                    t -> t.sign(t.grantFor("other", "data/a")),
                    "data",
                    "data/a",
                    Reason.OUTSIDE_GRANT),
            new Case(
                    "grant for another requester",
                    REQUESTER,
                    t -> t.sign(t.grant(
                            SOURCE,
                            OTHER,
                            "data",
                            "data/a",
                            Instant.now(),
                            Instant.now().plusSeconds(600))),
                    "data",
                    "data/a",
                    Reason.WRONG_REQUESTER),
            new Case(
                    "someone else's valid grant (stolen)",
                    OTHER,
                    t -> t.sign(t.valid()),
                    "data",
                    "data/a",
                    Reason.WRONG_REQUESTER),
            new Case(
                    "grant for another source",
                    REQUESTER,
                    t -> t.sign(t.grant(
                            OTHER,
                            REQUESTER,
                            "data",
                            "data/a",
                            Instant.now(),
                            Instant.now().plusSeconds(600))),
                    "data",
                    "data/a",
                    Reason.WRONG_SOURCE),
            new Case(
                    "expired grant",
                    REQUESTER,
                    t -> t.sign(t.grant(
                            SOURCE,
                            REQUESTER,
                            "data",
                            "data/a",
                            Instant.now().minusSeconds(7200),
                            Instant.now().minusSeconds(3600))),
                    "data",
                    "data/a",
                    Reason.EXPIRED),
            new Case(
                    "grant not yet valid",
                    REQUESTER,
                    t -> t.sign(t.grant(
                            SOURCE,
                            REQUESTER,
                            "data",
                            "data/a",
                            Instant.now().plusSeconds(3600),
                            Instant.now().plusSeconds(7200))),
                    "data",
                    "data/a",
                    Reason.NOT_YET_VALID),
            new Case(
                    "forged signature (other key, trusted key id)",
                    REQUESTER,
                    GrantMatrixTest::forged,
                    "data",
                    "data/a",
                    Reason.BAD_SIGNATURE),
            new Case(
                    "signed by another installation's key",
                    REQUESTER,
                    t -> new GrantSigner(t.otherKey).sign(t.valid()).encode(),
                    "data",
                    "data/a",
                    Reason.UNKNOWN_KEY),
            new Case(
                    "tampered grant bytes",
                    REQUESTER,
                    GrantMatrixTest::tampered,
                    "data",
                    "data/a",
                    Reason.BAD_SIGNATURE),
            new Case(
                    "garbage instead of a grant",
                    REQUESTER,
                    t -> new byte[] {1, 2, 3, 4},
                    "data",
                    "data/a",
                    Reason.MALFORMED),
            new Case(
                    "path outside the prefix (sibling data/ab)",
                    REQUESTER,
                    t -> t.sign(t.valid()),
                    "data",
                    "data/ab",
                    Reason.OUTSIDE_GRANT),
            new Case(
                    "path climbing out with ..",
                    REQUESTER,
                    t -> t.sign(t.valid()),
                    "data",
                    "data/a/../ab",
                    Reason.OUTSIDE_GRANT),
            new Case("parent of the prefix", REQUESTER, t -> t.sign(t.valid()), "data", "data", Reason.OUTSIDE_GRANT));

    @TempDir
    Path dir;

    private final KeyPair coordinatorKey = GrantKeys.generate();
    private final KeyPair otherKey = GrantKeys.generate();
    private final GrantSigner signer = new GrantSigner(coordinatorKey);
    private final List<PeerRefusal> refusals = new CopyOnWriteArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private GrantTrust trust;
    private LocalMesh mesh;
    private ExecutorService io;
    private Server server;
    private long fileSize;
    private long fileMtime;

    static Stream<Arguments> refusalMatrix() {
        return REFUSALS.stream().flatMap(c -> Stream.of(Method.values()).map(m -> Arguments.of(c, m)));
    }

    @BeforeEach
    void start() throws Exception {
        mesh = LocalMesh.create(dir.resolve("mesh"), List.of(SOURCE, REQUESTER, OTHER));
        Path data = dir.resolve("volumes/data");
        Path other = dir.resolve("volumes/other");
        for (String path : List.of("data/a/file.txt", "data/ab/file.txt", "data/b/file.txt")) {
            Files.createDirectories(data.resolve(path).getParent());
            Files.writeString(data.resolve(path), "content of " + path, StandardCharsets.UTF_8);
        }
        Files.createDirectories(other.resolve("data/a"));
        Files.writeString(other.resolve("data/a/file.txt"), "other volume", StandardCharsets.UTF_8);
        FileStat stat = FileStat.of(data.resolve("data/a/file.txt"));
        fileSize = stat.size();
        fileMtime = stat.mtimeNanos();
        server = serve(PeerAuthorization.GRANTS, Map.of("data", data, "other", other));
    }

    private Server serve(PeerAuthorization mode, Map<String, Path> volumes) throws Exception {
        trust = new GrantTrust(SOURCE, Clock.systemUTC());
        trust.trust(signer.publicKey(), signer.keyId());
        io = Executors.newFixedThreadPool(2);
        var service = new PeerTransferGrpcService(
                new SourceDatasets(Volumes.of(volumes)),
                HashCache.NONE,
                io,
                8,
                new PeerCounters(),
                new PeerRefusals(refusals::add, Clock.systemUTC(), 1000));
        return PeerServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                tls(SOURCE).serverContext(),
                service,
                new PeerAuthorizer(mode, trust));
    }

    @AfterEach
    void stop() throws Exception {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        io.shutdownNow();
    }

    @ParameterizedTest(name = "{1} with {0}: PERMISSION_DENIED")
    @MethodSource("refusalMatrix")
    void refusesAndReports(Case wrong, Method method) throws Exception {
        Outcome outcome = call(method, wrong.caller(), wrong.grant().apply(this), wrong.volume(), wrong.path());

        assertThat(outcome.status().getCode()).as(outcome.toString()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(outcome.status().getDescription())
                .contains(wrong.expected().name())
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(outcome.served()).isZero();
        assertThat(refusals).singleElement().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo(wrong.expected());
            assertThat(refusal.requester()).isEqualTo(wrong.caller().value());
            assertThat(refusal.method()).isEqualTo(method.wireName);
            assertThat(refusal.volume()).isEqualTo(wrong.volume());
            assertThat(refusal.path()).startsWith(wrong.path());
        });
    }

    @ParameterizedTest(name = "{0} with a valid grant: served")
    @MethodSource("methods")
    void servesTheHolderOfAValidGrant(Method method) throws Exception {
        Outcome outcome = call(method, REQUESTER, sign(valid()), "data", "data/a");

        assertThat(outcome.status().getCode()).as(outcome.toString()).isEqualTo(Status.Code.OK);
        assertThat(outcome.served()).isPositive();
        assertThat(refusals).isEmpty();
    }

    static Stream<Method> methods() {
        return Stream.of(Method.values());
    }

    @Test
    void aValidGrantCoversPathsBelowItsPrefix() throws Exception {
        Files.createDirectories(dir.resolve("volumes/data/data/a/deeper"));
        Files.writeString(dir.resolve("volumes/data/data/a/deeper/x.txt"), "x");

        Outcome outcome = call(Method.GET_MANIFEST, REQUESTER, sign(valid()), "data", "data/a/deeper");

        assertThat(outcome.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(refusals).isEmpty();
    }

    @Test
    void withoutAKeyFromTheCoordinatorEveryGrantIsRefused() throws Exception {
        trust.trust(new byte[0], "");

        Outcome outcome = call(Method.GET_MANIFEST, REQUESTER, sign(valid()), "data", "data/a");

        assertThat(outcome.status().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(outcome.status().getDescription()).contains(Reason.NO_KEY.name());
        assertThat(refusals).singleElement().extracting(PeerRefusal::reason).isEqualTo(Reason.NO_KEY);
    }

    @Test
    void aRefusalOfAnAuthenticGrantNamesItsJobForTheAudit() throws Exception {
        call(Method.GET_MANIFEST, REQUESTER, sign(valid()), "data", "data/ab");

        assertThat(refusals)
                .singleElement()
                .satisfies(refusal -> assertThat(refusal.grant())
                        .hasValueSatisfying(grant -> assertThat(grant.jobId()).isEqualTo(JOB)));
    }

    @Test
    void aForgedGrantNamesNoJob() throws Exception {
        call(Method.GET_MANIFEST, REQUESTER, forged(), "data", "data/a");

        assertThat(refusals)
                .singleElement()
                .satisfies(refusal -> assertThat(refusal.grant()).isEmpty());
    }

    @Test
    void aChunkStreamIsCutAtTheFirstRequestOutsideTheGrant() throws Exception {
        var stub = PeerTransferGrpc.newStub(channel(REQUESTER)).withInterceptors(grantHeader(sign(valid())));
        ChunkCollector collector = new ChunkCollector();
        StreamObserver<ChunkRequest> requests = stub.fetchChunks(collector);
        requests.onNext(chunk(1, "data", "data/a"));
        requests.onNext(chunk(2, "data", "data/ab"));
        requests.onNext(chunk(3, "data", "data/a"));

        Status status = collector.done.get(10, TimeUnit.SECONDS);

        assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(collector.responses)
                .allSatisfy(response -> assertThat(response.getRequestId()).isEqualTo(1));
        assertThat(refusals).singleElement().extracting(PeerRefusal::path).isEqualTo("data/ab/file.txt");
    }

    @Test
    void meshModeServesAnyMeshAgentWithoutAGrant() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        io.shutdownNow();
        server = serve(PeerAuthorization.MESH, Map.of("data", dir.resolve("volumes/data")));

        for (Method method : Method.values()) {
            Outcome outcome = call(method, OTHER, null, "data", "data/ab");
            assertThat(outcome.status().getCode()).as(method + " " + outcome).isEqualTo(Status.Code.OK);
        }
        assertThat(refusals).isEmpty();
    }

    // --- calls

    /** How a call ended and how many items (manifest parts, chunks, availability answers) it served. */
    record Outcome(Status status, int served) {}

    private Outcome call(Method method, AgentId caller, byte[] grant, String volume, String path) throws Exception {
        ManagedChannel channel = channel(caller);
        DatasetRef dataset =
                DatasetRef.newBuilder().setVolume(volume).setPath(path).build();
        Metadata headers = new Metadata();
        if (grant != null) {
            headers.put(GrantMetadata.GRANT, grant);
        }
        switch (method) {
            case GET_MANIFEST -> {
                var stub = PeerTransferGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                        .withDeadlineAfter(10, TimeUnit.SECONDS);
                int parts = 0;
                try {
                    Iterator<ManifestPart> it = stub.getManifest(ManifestRequest.newBuilder()
                            .setDataset(dataset)
                            .setChunkSize(CHUNK)
                            .build());
                    while (it.hasNext()) {
                        it.next();
                        parts++;
                    }
                    return new Outcome(Status.OK, parts);
                } catch (StatusRuntimeException e) {
                    return new Outcome(e.getStatus(), parts);
                }
            }
            case GET_AVAILABILITY -> {
                var stub = PeerTransferGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                        .withDeadlineAfter(10, TimeUnit.SECONDS);
                try {
                    stub.getAvailability(
                            AvailabilityRequest.newBuilder().setDataset(dataset).build());
                    return new Outcome(Status.OK, 1);
                } catch (StatusRuntimeException e) {
                    return new Outcome(e.getStatus(), 0);
                }
            }
            case FETCH_CHUNKS -> {
                var stub = PeerTransferGrpc.newStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                        .withDeadlineAfter(10, TimeUnit.SECONDS);
                ChunkCollector collector = new ChunkCollector();
                StreamObserver<ChunkRequest> requests = stub.fetchChunks(collector);
                requests.onNext(chunk(1, volume, path));
                requests.onCompleted();
                Status status = collector.done.get(10, TimeUnit.SECONDS);
                long data = collector.responses.stream()
                        .filter(ChunkResponse::hasData)
                        .count();
                return new Outcome(status, (int) data);
            }
            default -> throw new IllegalArgumentException(method.toString());
        }
    }

    private ChunkRequest chunk(long id, String volume, String datasetPath) {
        return ChunkRequest.newBuilder()
                .setRequestId(id)
                .setDataset(DatasetRef.newBuilder().setVolume(volume).setPath(datasetPath))
                .setPath("file.txt")
                .setChunkIndex(0)
                .setChunkSize(CHUNK)
                .setFileSize(fileSize)
                .setFileMtimeNanos(fileMtime)
                .build();
    }

    private static final class ChunkCollector implements StreamObserver<ChunkResponse> {
        final List<ChunkResponse> responses = new CopyOnWriteArrayList<>();
        final CompletableFuture<Status> done = new CompletableFuture<>();

        @Override
        public void onNext(ChunkResponse value) {
            responses.add(value);
        }

        @Override
        public void onError(Throwable t) {
            done.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            done.complete(Status.OK);
        }
    }

    private static io.grpc.ClientInterceptor grantHeader(byte[] grant) {
        Metadata headers = new Metadata();
        headers.put(GrantMetadata.GRANT, grant);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private ManagedChannel channel(AgentId caller) throws Exception {
        ManagedChannel channel =
                new PeerChannels(tls(caller)).open(new PeerEndpoint(SOURCE, "127.0.0.1", server.getPort()));
        channels.add(channel);
        return channel;
    }

    // --- grants

    PeerGrant valid() {
        return grantFor("data", "data/a");
    }

    PeerGrant grantFor(String volume, String prefix) {
        return grant(
                SOURCE, REQUESTER, volume, prefix, Instant.now(), Instant.now().plus(Duration.ofMinutes(10)));
    }

    PeerGrant grant(AgentId source, AgentId requester, String volume, String prefix, Instant issued, Instant expires) {
        return new PeerGrant(
                JOB,
                JOB + "-t1-a1",
                "photos",
                source,
                volume,
                RelativePath.parseOrRoot(prefix),
                requester,
                issued,
                expires);
    }

    byte[] sign(PeerGrant grant) {
        return signer.sign(grant).encode();
    }

    /** Signed with another key but claiming the trusted key's id. */
    byte[] forged() {
        SignedGrant other = new GrantSigner(otherKey).sign(valid());
        return new SignedGrant(other.grant(), other.signature(), signer.keyId()).encode();
    }

    /** A valid grant whose bytes were changed after signing: prefix data/a widened to data/b. */
    byte[] tampered() {
        SignedGrant good = signer.sign(valid());
        byte[] bytes = good.grant();
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("data/a", "data/b");
        return new SignedGrant(text.getBytes(StandardCharsets.ISO_8859_1), good.signature(), good.keyId()).encode();
    }

    private PeerTls tls(AgentId agent) {
        LocalMesh.AgentFiles files = mesh.agent(agent);
        return new PeerTls(
                new AgentConfig.Tls() {
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
                },
                Set::of);
    }
}
