package io.meshlift.coordinator.control;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import com.google.protobuf.ByteString;

import io.meshlift.coordinator.agent.AgentRegistration;
import io.meshlift.coordinator.agent.AgentVolume;
import io.meshlift.coordinator.survey.DatasetSurveyOrder;
import io.meshlift.coordinator.survey.SurveyAnswer;
import io.meshlift.coordinator.transfer.AgentLink;
import io.meshlift.coordinator.transfer.AssignmentOrder;
import io.meshlift.coordinator.transfer.TransferReport;
import io.meshlift.core.manifest.DatasetSurvey;
import io.meshlift.core.pki.AgentId;
import io.meshlift.proto.control.v1.Assignment;
import io.meshlift.proto.control.v1.Command;
import io.meshlift.proto.control.v1.CoordinatorMessage;
import io.meshlift.proto.control.v1.PeerRefusal;
import io.meshlift.proto.control.v1.PeerSource;
import io.meshlift.proto.control.v1.Register;
import io.meshlift.proto.control.v1.Report;
import io.meshlift.proto.control.v1.ReportAck;
import io.meshlift.proto.control.v1.RevokedAgents;
import io.meshlift.proto.control.v1.SurveyRequest;
import io.meshlift.proto.control.v1.SurveyResult;
import io.meshlift.proto.control.v1.Volume;
import io.meshlift.proto.control.v1.Welcome;

/** The one place control-protocol messages become domain types and back. */
final class ControlMapper {

    private ControlMapper() {}

    /** The complete revoked set, sorted so equal sets give equal messages. */
    static CoordinatorMessage revoked(Collection<AgentId> revoked) {
        return CoordinatorMessage.newBuilder()
                .setRevokedAgents(RevokedAgents.newBuilder()
                        .addAllAgentIds(
                                revoked.stream().map(AgentId::value).sorted().toList()))
                .build();
    }

    static AgentRegistration fromWire(String agentId, Register register) {
        return new AgentRegistration(
                agentId,
                register.getVersion(),
                volumes(register.getVolumesList()),
                register.getPeerHost().isEmpty() ? null : register.getPeerHost(),
                register.getPeerPort() == 0 ? null : register.getPeerPort(),
                register.getMaxConcurrentPulls() == 0 ? null : register.getMaxConcurrentPulls(),
                register.getLastReportId());
    }

    static List<AgentVolume> volumes(List<Volume> volumes) {
        return volumes.stream()
                .map(v -> new AgentVolume(v.getName(), v.getFreeBytes(), v.getTotalBytes()))
                .toList();
    }

    static TransferReport fromWire(Report report) {
        TransferReport.Body body = switch (report.getBodyCase()) {
            case PROGRESS ->
                new TransferReport.Progress(
                        report.getProgress().getFilesDone(),
                        report.getProgress().getFilesTotal(),
                        report.getProgress().getBytesDone(),
                        report.getProgress().getBytesTotal());
            case FILE ->
                new TransferReport.FileVerified(
                        report.getFile().getPath(),
                        report.getFile().getSize(),
                        report.getFile().getSourceSha256(),
                        report.getFile().getDestinationSha256(),
                        report.getFile().getOutcome(),
                        Instant.ofEpochMilli(report.getFile().getVerifiedAtEpochMs()),
                        report.getFile().getError());
            case FINISHED ->
                new TransferReport.Finished(
                        report.getFinished().getState(),
                        report.getFinished().getSourceDatasetDigest(),
                        report.getFinished().getDestinationDatasetDigest(),
                        report.getFinished().getError());
            case REFUSED -> new TransferReport.Refused(report.getRefused().getReason());
            case DELETED ->
                new TransferReport.Deleted(
                        report.getDeleted().getPath(),
                        report.getDeleted().getType(),
                        report.getDeleted().getSize(),
                        Instant.ofEpochMilli(report.getDeleted().getDeletedAtEpochMs()));
            case PEER_REFUSED -> peerRefused(report.getPeerRefused());
            case BODY_NOT_SET -> null;
        };
        return new TransferReport(report.getReportId(), report.getAssignmentId(), body);
    }

    static CoordinatorMessage welcome(
            String coordinatorId, long heartbeatMillis, long acknowledged, byte[] grantKey, String grantKeyId) {
        return CoordinatorMessage.newBuilder()
                .setWelcome(Welcome.newBuilder()
                        .setCoordinatorId(coordinatorId)
                        .setHeartbeatIntervalMs((int) Math.min(Integer.MAX_VALUE, heartbeatMillis))
                        .setAcknowledgedReportId(acknowledged)
                        .setGrantPublicKey(ByteString.copyFrom(grantKey))
                        .setGrantKeyId(grantKeyId))
                .build();
    }

    private static TransferReport.PeerRefused peerRefused(PeerRefusal refusal) {
        return new TransferReport.PeerRefused(
                refusal.getRequesterAgent(),
                refusal.getMethod(),
                refusal.getVolume(),
                refusal.getPath(),
                refusal.getReason(),
                refusal.getMessage(),
                refusal.getJobId(),
                refusal.getAssignmentId(),
                Instant.ofEpochMilli(refusal.getRefusedAtEpochMs()),
                refusal.getSuppressedBefore());
    }

    static CoordinatorMessage ack(long upTo) {
        return CoordinatorMessage.newBuilder()
                .setReportAck(ReportAck.newBuilder().setUpToReportId(upTo))
                .build();
    }

    static CoordinatorMessage toWire(AssignmentOrder order) {
        return CoordinatorMessage.newBuilder()
                .setAssign(Assignment.newBuilder()
                        .setAssignmentId(order.assignmentId())
                        .setJobId(order.jobId().toString())
                        .setDataset(order.dataset())
                        .setPass(order.pass())
                        .setSource(PeerSource.newBuilder()
                                .setAgentId(order.sourceAgent())
                                .setHost(order.sourceHost())
                                .setPort(order.sourcePort())
                                .setVolume(order.sourceVolume())
                                .setPath(order.sourcePath()))
                        .setDestinationVolume(order.destinationVolume())
                        .setDestinationPath(order.destinationPath())
                        .setChunkSize(order.chunkSize())
                        .setVerify(order.verify())
                        .addAllInclude(order.include())
                        .addAllExclude(order.exclude())
                        .setBandwidthLimit(order.bandwidthLimit())
                        .setDeleteExtraneous(order.deleteExtraneous())
                        .setConcurrency(order.concurrency())
                        .setGrant(ByteString.copyFrom(order.grant())))
                .build();
    }

    static CoordinatorMessage toWire(DatasetSurveyOrder order) {
        return CoordinatorMessage.newBuilder()
                .setSurvey(SurveyRequest.newBuilder()
                        .setSurveyId(order.surveyId())
                        .setVolume(order.volume())
                        .setPath(order.path())
                        .addAllInclude(order.include())
                        .addAllExclude(order.exclude()))
                .build();
    }

    /** Counts beyond Long.MAX_VALUE (uint64 on the wire) cannot be real; they are clamped rather than wrapped. */
    static SurveyAnswer fromWire(SurveyResult result) {
        if (!result.getError().isEmpty()) {
            return new SurveyAnswer(result.getSurveyId(), null, result.getError(), result.getElapsedMs());
        }
        return new SurveyAnswer(
                result.getSurveyId(),
                new DatasetSurvey(
                        clamp(result.getFiles()),
                        clamp(result.getBytes()),
                        clamp(result.getDirectories()),
                        clamp(result.getSymlinks()),
                        clamp(result.getSkipped())),
                null,
                clamp(result.getElapsedMs()));
    }

    private static long clamp(long unsigned) {
        return unsigned < 0 ? Long.MAX_VALUE : unsigned;
    }

    static CoordinatorMessage toWire(AgentLink.AgentCommand command, String assignmentId) {
        Command.Kind kind = switch (command) {
            case CANCEL -> Command.Kind.KIND_CANCEL;
            case PAUSE -> Command.Kind.KIND_PAUSE;
            case RESUME -> Command.Kind.KIND_RESUME;
        };
        return CoordinatorMessage.newBuilder()
                .setCommand(Command.newBuilder().setKind(kind).setAssignmentId(assignmentId))
                .build();
    }
}
