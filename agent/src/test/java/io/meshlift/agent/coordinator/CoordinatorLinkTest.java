package io.meshlift.agent.coordinator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.meshlift.agent.peer.PeerServer;
import io.meshlift.agent.transfer.PullService;
import io.meshlift.core.digest.Sha256;
import io.meshlift.proto.control.v1.Assignment;
import io.meshlift.proto.control.v1.Command;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.proto.control.v1.PeerSource;
import io.meshlift.proto.control.v1.Register;
import io.meshlift.proto.control.v1.Report;
import io.meshlift.proto.control.v1.SurveyRequest;
import io.meshlift.proto.control.v1.SurveyResult;
import io.meshlift.proto.control.v1.Volume;

import static io.meshlift.agent.coordinator.LinkFixture.COORDINATOR;
import static io.meshlift.agent.coordinator.LinkFixture.IMPOSTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real agent (Quarkus, peer server, pull engine) linked over real mTLS sockets to a {@link
 * FakeCoordinator}. Pulls copy from the agent's own peer server ({@code src}) into its {@code dst}
 * volume, so assignments run end to end.
 */
@QuarkusTest
@TestProfile(CoordinatorLinkTestProfile.class)
class CoordinatorLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Shaped like the coordinator's ids: transfer UUID / attempt. */
    private static final String PHOTOS = "6f1c2a4e-8d7b-4c1e-9a55-0b3f2d9e7c10/1";

    @Inject
    CoordinatorLink link;

    @Inject
    PeerServer peerServer;

    @Inject
    PullService pulls;

    private final List<FakeCoordinator> coordinators = new ArrayList<>();

    @AfterEach
    void stopCoordinators() {
        coordinators.forEach(FakeCoordinator::close);
    }

    private FakeCoordinator coordinator(boolean acknowledge) throws Exception {
        var mesh = LinkFixture.mesh();
        FakeCoordinator coordinator =
                FakeCoordinator.start(mesh, mesh.agent(COORDINATOR), LinkFixture.coordinatorPort(), acknowledge);
        coordinators.add(coordinator);
        await().atMost(WAIT).until(coordinator::connected);
        return coordinator;
    }

    private Assignment.Builder assignment(String id, String dataset, String destinationPath) {
        return Assignment.newBuilder()
                .setAssignmentId(id)
                .setJobId("job-1")
                .setDataset(dataset)
                .setPass(1)
                .setSource(PeerSource.newBuilder()
                        .setAgentId("alpha")
                        .setHost("127.0.0.1")
                        .setPort(peerServer.port())
                        .setVolume("src")
                        .setPath(dataset))
                .setDestinationVolume("dst")
                .setDestinationPath(destinationPath)
                .setVerify("full")
                .setGrant(FakeCoordinator.grant(id, "alpha", "alpha", "src", dataset));
    }

    private static void assign(FakeCoordinator coordinator, Assignment.Builder assignment) {
        coordinator.send(CoordinatorMessage.newBuilder().setAssign(assignment).build());
    }

    private static Path dataset(String name) throws Exception {
        Path root = LinkFixture.dir().resolve("src").resolve(name);
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("a.txt"), "hello " + name, StandardCharsets.UTF_8);
        byte[] data = new byte[300_000];
        new Random(name.hashCode()).nextBytes(data);
        Files.write(root.resolve("sub/b.bin"), data);
        return root;
    }

    private static List<Report> finished(FakeCoordinator coordinator, String id) {
        return coordinator.reportsFor(id).stream().filter(Report::hasFinished).toList();
    }

    @Test
    void registersWithIdentityVolumesAndPeerEndpointThenHeartbeats() throws Exception {
        FakeCoordinator coordinator = coordinator(true);

        Register register = coordinator.registers.get(0);
        assertThat(register.getAgentId()).isEqualTo("alpha");
        assertThat(register.getVolumesList()).extracting(Volume::getName).containsExactly("dst", "src");
        assertThat(register.getVolumesList()).allSatisfy(volume -> {
            assertThat(volume.getTotalBytes()).isPositive();
            assertThat(volume.getFreeBytes()).isPositive().isLessThanOrEqualTo(volume.getTotalBytes());
        });
        assertThat(register.getPeerHost()).isEqualTo("127.0.0.1");
        assertThat(register.getPeerPort()).isEqualTo(peerServer.port());
        assertThat(register.getMaxConcurrentPulls()).isEqualTo(4);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(coordinator.heartbeats).hasValueGreaterThanOrEqualTo(3));
        assertThat(link.status().connected()).isTrue();
        assertThat(link.status().coordinatorId()).isEqualTo("fake");
    }

    @Test
    void assignmentIsReportedFileByFileThenFinishedAndNotRunTwice() throws Exception {
        Path source = dataset("photos");
        FakeCoordinator coordinator = coordinator(true);

        assign(coordinator, assignment(PHOTOS, "photos", "copies/photos"));

        await().atMost(WAIT).until(() -> !finished(coordinator, PHOTOS).isEmpty());
        List<Report> files =
                coordinator.reportsFor(PHOTOS).stream().filter(Report::hasFile).toList();
        assertThat(files).extracting(report -> report.getFile().getPath()).containsExactly("a.txt", "sub/b.bin");
        for (Report report : files) {
            String expected = Sha256.hex(
                    Sha256.of(Files.readAllBytes(source.resolve(report.getFile().getPath()))));
            assertThat(report.getFile().getOutcome()).isEqualTo("COPIED");
            assertThat(report.getFile().getSourceSha256()).isEqualTo(expected);
            assertThat(report.getFile().getDestinationSha256()).isEqualTo(expected);
        }
        Report end = finished(coordinator, PHOTOS).get(0);
        assertThat(end.getFinished().getState()).isEqualTo("SUCCEEDED");
        assertThat(end.getFinished().getDestinationDatasetDigest())
                .isNotEmpty()
                .isEqualTo(end.getFinished().getSourceDatasetDigest());
        assertThat(end.getReportId()).isGreaterThan(files.get(1).getReportId());
        assertThat(LinkFixture.dir().resolve("dst/copies/photos/sub/b.bin"))
                .hasSameBinaryContentAs(source.resolve("sub/b.bin"));
        await().atMost(WAIT).until(() -> link.status().pendingReports() == 0);

        assign(coordinator, assignment(PHOTOS, "photos", "copies/photos"));

        await().atMost(WAIT).until(() -> finished(coordinator, PHOTOS).size() == 2);
        assertThat(coordinator.reportsFor(PHOTOS)).filteredOn(Report::hasFile).hasSize(2);
    }

    @Test
    void surveyCountsTheDatasetWithTheFiltersOnlyInsideTheVolume() throws Exception {
        dataset("surveyed");
        FakeCoordinator coordinator = coordinator(true);

        survey(
                coordinator,
                SurveyRequest.newBuilder().setSurveyId("all").setVolume("src").setPath("surveyed"));
        survey(
                coordinator,
                SurveyRequest.newBuilder()
                        .setSurveyId("no-txt")
                        .setVolume("src")
                        .setPath("surveyed")
                        .addExclude("*.txt"));
        survey(
                coordinator,
                SurveyRequest.newBuilder()
                        .setSurveyId("escape")
                        .setVolume("src")
                        .setPath("../dst"));

        await().atMost(WAIT).until(() -> coordinator.surveys.size() == 3);
        SurveyResult all = surveyResult(coordinator, "all");
        assertThat(all.getError()).isEmpty();
        assertThat(all.getFiles()).isEqualTo(2);
        assertThat(all.getBytes()).isEqualTo("hello surveyed".length() + 300_000);
        assertThat(all.getDirectories()).isEqualTo(1);
        SurveyResult filtered = surveyResult(coordinator, "no-txt");
        assertThat(filtered.getFiles()).isEqualTo(1);
        assertThat(filtered.getBytes()).isEqualTo(300_000);
        SurveyResult escape = surveyResult(coordinator, "escape");
        assertThat(escape.getError()).contains("..");
        assertThat(escape.getFiles()).isZero();
    }

    @Test
    void assignmentConcurrencyReachesThePullUpToTheAgentsCap() throws Exception {
        dataset("few");
        dataset("many");
        FakeCoordinator coordinator = coordinator(true);
        String few = "0d0c2a4e-8d7b-4c1e-9a55-0b3f2d9e7c11/1";
        String many = "0d0c2a4e-8d7b-4c1e-9a55-0b3f2d9e7c12/1";

        assign(coordinator, assignment(few, "few", "copies/few").setConcurrency(3));
        assign(coordinator, assignment(many, "many", "copies/many").setConcurrency(200));

        await().atMost(WAIT)
                .until(() -> !finished(coordinator, few).isEmpty()
                        && !finished(coordinator, many).isEmpty());
        assertThat(finished(coordinator, few).get(0).getFinished().getState()).isEqualTo("SUCCEEDED");
        assertThat(pulls.get(PullIds.of(few)).chunkRequestsInFlight()).isEqualTo(3);
        // agent.transfer.streams-per-peer x requests-per-stream, 4 x 4 by default
        assertThat(pulls.get(PullIds.of(many)).chunkRequestsInFlight()).isEqualTo(16);
    }

    private static void survey(FakeCoordinator coordinator, SurveyRequest.Builder request) {
        coordinator.send(CoordinatorMessage.newBuilder().setSurvey(request).build());
    }

    private static SurveyResult surveyResult(FakeCoordinator coordinator, String id) {
        return coordinator.surveys.stream()
                .filter(result -> result.getSurveyId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void invalidAssignmentsAndUnsupportedCommandsAreRefusedWithTheReason() throws Exception {
        FakeCoordinator coordinator = coordinator(true);

        assign(coordinator, assignment("bad-volume", "photos", "x").setDestinationVolume("nope"));
        assign(coordinator, assignment("bad-path", "photos", "../outside"));
        assign(coordinator, assignment("bad-verify", "photos", "x").setVerify("sometimes"));
        coordinator.send(CoordinatorMessage.newBuilder()
                .setCommand(
                        Command.newBuilder().setKind(Command.Kind.KIND_PAUSE).setAssignmentId(PHOTOS))
                .build());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(reason(coordinator, "bad-volume")).contains("nope");
            assertThat(reason(coordinator, "bad-path")).contains("destination.path");
            assertThat(reason(coordinator, "bad-verify")).contains("sometimes");
            assertThat(reason(coordinator, PHOTOS)).contains("cannot pause");
        });
        assertThat(LinkFixture.dir().resolve("outside")).doesNotExist();
    }

    @Test
    void forgedAssignmentsCannotWriteOutsideTheDestinationVolume() throws Exception {
        dataset("forged");
        FakeCoordinator coordinator = coordinator(true);

        assign(coordinator, assignment("abs-path", "forged", "/tmp/meshlift-forged"));
        assign(coordinator, assignment("dotdot-deep", "forged", "copies/../../outside"));
        assign(coordinator, assignment("dot", "forged", "copies/./x"));
        assign(coordinator, assignment("no-volume", "forged", "x").setDestinationVolume(""));
        assign(coordinator, assignment("state-dir", "forged", "x").setDestinationVolume("../state"));
        assign(
                coordinator,
                assignment("src-escape", "forged", "copies/forged")
                        .setSource(PeerSource.newBuilder()
                                .setAgentId("alpha")
                                .setHost("127.0.0.1")
                                .setPort(peerServer.port())
                                .setVolume("src")
                                .setPath("../dst")));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(reason(coordinator, "abs-path")).contains("destination.path");
            assertThat(reason(coordinator, "dotdot-deep")).contains("destination.path");
            assertThat(reason(coordinator, "dot")).contains("destination.path");
            assertThat(reason(coordinator, "no-volume")).contains("destination_volume");
            assertThat(reason(coordinator, "state-dir")).contains("../state");
            assertThat(reason(coordinator, "src-escape")).contains("source.path");
        });
        assertThat(Path.of("/tmp/meshlift-forged")).doesNotExist();
        assertThat(LinkFixture.dir().resolve("outside")).doesNotExist();
        assertThat(LinkFixture.dir().resolve("dst/copies/forged")).doesNotExist();
    }

    @Test
    void aPullWithoutAGrantCoveringItsSourceIsRefusedByTheSourceWhichReportsIt() throws Exception {
        dataset("granted");
        dataset("secret");
        FakeCoordinator coordinator = coordinator(true);

        // The assignment names "secret", but its grant covers only "granted": the source refuses.
        assign(
                coordinator,
                assignment("wrong-grant", "secret", "copies/secret")
                        .setGrant(FakeCoordinator.grant("wrong-grant", "alpha", "alpha", "src", "granted")));
        // No grant at all.
        assign(coordinator, assignment("no-grant", "secret", "copies/secret2").clearGrant());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(finished(coordinator, "wrong-grant"))
                    .singleElement()
                    .satisfies(end -> assertThat(end.getFinished().getState()).isEqualTo("FAILED"));
            assertThat(finished(coordinator, "no-grant"))
                    .singleElement()
                    .satisfies(end -> assertThat(end.getFinished().getState()).isEqualTo("FAILED"));
            assertThat(coordinator.peerRefusals())
                    .extracting(report -> report.getPeerRefused().getReason())
                    .contains("OUTSIDE_GRANT", "MISSING");
        });
        Report outside = coordinator.peerRefusals().stream()
                .filter(report -> report.getPeerRefused().getReason().equals("OUTSIDE_GRANT"))
                .findFirst()
                .orElseThrow();
        assertThat(outside.getAssignmentId()).isEmpty();
        assertThat(outside.getPeerRefused().getRequesterAgent()).isEqualTo("alpha");
        assertThat(outside.getPeerRefused().getVolume()).isEqualTo("src");
        assertThat(outside.getPeerRefused().getPath()).isEqualTo("secret");
        assertThat(outside.getPeerRefused().getJobId()).isEqualTo("job-1");
        assertThat(outside.getPeerRefused().getAssignmentId()).isEqualTo("wrong-grant");
        assertThat(finished(coordinator, "wrong-grant").get(0).getFinished().getError())
                .contains("PERMISSION_DENIED");
        assertThat(LinkFixture.dir().resolve("dst/copies/secret/a.txt")).doesNotExist();
    }

    @Test
    void resumeIsNoRefusalSoAnAssignmentReSentAfterALeaseTakeOverRunsOnce() throws Exception {
        dataset("resumed");
        FakeCoordinator coordinator = coordinator(true);
        String id = "0b1c2a4e-8d7b-4c1e-9a55-0b3f2d9e7c11/1";

        // What a replica taking over an expired lease sends: RESUME, then the same assignment again.
        coordinator.send(command(Command.Kind.KIND_RESUME, id));
        assign(coordinator, assignment(id, "resumed", "copies/resumed"));
        await().atMost(WAIT).until(() -> !finished(coordinator, id).isEmpty());
        coordinator.send(command(Command.Kind.KIND_RESUME, id));
        // Commands are handled in order: once the PAUSE after it is refused, the RESUME has been handled.
        coordinator.send(command(Command.Kind.KIND_PAUSE, id));
        await().atMost(WAIT).until(() -> !reason(coordinator, id).isEmpty());

        assertThat(coordinator.reportsFor(id))
                .filteredOn(Report::hasRefused)
                .singleElement()
                .satisfies(
                        refusal -> assertThat(refusal.getRefused().getReason()).contains("cannot pause"));
        assertThat(finished(coordinator, id))
                .singleElement()
                .satisfies(end -> assertThat(end.getFinished().getState()).isEqualTo("SUCCEEDED"));
    }

    private static CoordinatorMessage command(Command.Kind kind, String assignmentId) {
        return CoordinatorMessage.newBuilder()
                .setCommand(Command.newBuilder().setKind(kind).setAssignmentId(assignmentId))
                .build();
    }

    private static String reason(FakeCoordinator coordinator, String id) {
        return coordinator.reportsFor(id).stream()
                .filter(Report::hasRefused)
                .map(report -> report.getRefused().getReason())
                .findFirst()
                .orElse("");
    }

    @Test
    void pullGoesOnWhileTheCoordinatorIsAwayAndReportsAreReplayedWhenItReturns() throws Exception {
        dataset("logs");
        FakeCoordinator forgetful = coordinator(false);
        assign(forgetful, assignment("logs-1", "logs", "copies/logs").setBandwidthLimit(100_000));
        await().atMost(WAIT).until(() -> !forgetful.reportsFor("logs-1").isEmpty());
        List<Long> firstDelivery =
                forgetful.reportsFor("logs-1").stream().map(Report::getReportId).toList();

        forgetful.close();
        await().atMost(WAIT).until(() -> !link.status().connected());
        Path copied = LinkFixture.dir().resolve("dst/copies/logs/sub/b.bin");
        await().atMost(WAIT).until(() -> Files.exists(copied));
        FakeCoordinator restarted = coordinator(true);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(restarted.stored.keySet()).containsAll(firstDelivery);
            assertThat(finished(restarted, "logs-1"))
                    .singleElement()
                    .satisfies(end -> assertThat(end.getFinished().getState()).isEqualTo("SUCCEEDED"));
        });
        assertThat(restarted.reportsFor("logs-1")).filteredOn(Report::hasFile).hasSize(2);
        assertThat(restarted.received).isSorted();
        assertThat(restarted.registers.get(0).getLastReportId())
                .isGreaterThanOrEqualTo(firstDelivery.get(firstDelivery.size() - 1));
        await().atMost(WAIT).until(() -> link.status().pendingReports() == 0);
    }

    @Test
    void refusesACoordinatorWithTheWrongIdentity() throws Exception {
        var mesh = LinkFixture.mesh();
        FakeCoordinator impostor =
                FakeCoordinator.start(mesh, mesh.agent(IMPOSTOR), LinkFixture.coordinatorPort(), true);
        coordinators.add(impostor);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(link.status().lastError())
                        .contains("expected agent coordinator but the certificate is for impostor"));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> impostor.streams.get() == 0);
        assertThat(impostor.registers).isEmpty();
        assertThat(link.status().connected()).isFalse();
    }
}
