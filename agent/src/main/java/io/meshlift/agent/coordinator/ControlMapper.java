package io.meshlift.agent.coordinator;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.meshlift.agent.transfer.ExtraneousEntries;
import io.meshlift.agent.transfer.FileResult;
import io.meshlift.agent.transfer.PullProgress;
import io.meshlift.agent.transfer.PullSpec;
import io.meshlift.core.path.VolumeRoot;
import io.meshlift.proto.control.v1.Assignment;
import io.meshlift.proto.control.v1.EntryDeleted;
import io.meshlift.proto.control.v1.FileVerified;
import io.meshlift.proto.control.v1.PeerRefusal;
import io.meshlift.proto.control.v1.Progress;
import io.meshlift.proto.control.v1.TransferFinished;
import io.meshlift.proto.control.v1.Volume;

/** The one place where control-protocol messages and the agent's domain types meet. */
final class ControlMapper {

    private ControlMapper() {}

    /**
     * The pull an assignment asks for. Checks what the wire format leaves open (presence, the verify
     * word); {@link PullSpec#toRequest()} and the volume check it all again, paths included.
     *
     * @throws InvalidAssignmentException listing every problem found
     */
    static PullSpec toPullSpec(Assignment assignment, String pullId) {
        List<String> problems = new ArrayList<>();
        if (assignment.getAssignmentId().isBlank()) {
            problems.add("assignment_id: required");
        }
        if (!assignment.hasSource()) {
            problems.add("source: required (agent_id, host, port, volume, path)");
        }
        if (assignment.getDestinationVolume().isBlank()) {
            problems.add("destination_volume: required");
        }
        String verify =
                assignment.getVerify().isEmpty() ? null : assignment.getVerify().toLowerCase(Locale.ROOT);
        if (verify != null && !verify.equals("full") && !verify.equals("chunks")) {
            problems.add("verify: '" + assignment.getVerify() + "' is neither 'full' nor 'chunks'");
        }
        if (Integer.compareUnsigned(assignment.getSource().getPort(), 65535) > 0) {
            problems.add("source.port: "
                    + Integer.toUnsignedString(assignment.getSource().getPort()) + " is out of range");
        }
        if (!problems.isEmpty()) {
            throw new InvalidAssignmentException(assignment.getAssignmentId(), problems);
        }
        var source = assignment.getSource();
        return new PullSpec(
                pullId,
                new PullSpec.Source(
                        source.getAgentId(), source.getHost(), source.getPort(), source.getVolume(), source.getPath()),
                new PullSpec.Destination(assignment.getDestinationVolume(), assignment.getDestinationPath()),
                assignment.getChunkSize() == 0 ? null : Integer.toUnsignedString(assignment.getChunkSize()),
                verify,
                List.copyOf(assignment.getIncludeList()),
                List.copyOf(assignment.getExcludeList()),
                assignment.getBandwidthLimit() == 0 ? null : Long.toUnsignedString(assignment.getBandwidthLimit()),
                assignment.getDeleteExtraneous(),
                assignment.getGrant().isEmpty()
                        ? null
                        : Base64.getEncoder()
                                .encodeToString(assignment.getGrant().toByteArray()),
                assignment.getConcurrency() == 0
                        ? null
                        : Math.toIntExact(
                                Math.min(Integer.toUnsignedLong(assignment.getConcurrency()), Integer.MAX_VALUE)));
    }

    static EntryDeleted entryDeleted(ExtraneousEntries.Deleted deleted) {
        return EntryDeleted.newBuilder()
                .setPath(deleted.path())
                .setType(deleted.type().name())
                .setSize(deleted.size())
                .setDeletedAtEpochMs(System.currentTimeMillis())
                .build();
    }

    static PeerRefusal peerRefusal(io.meshlift.agent.peer.PeerRefusal refusal) {
        PeerRefusal.Builder wire = PeerRefusal.newBuilder()
                .setRequesterAgent(refusal.requester())
                .setMethod(refusal.method())
                .setVolume(refusal.volume())
                .setPath(refusal.path())
                .setReason(refusal.reason().name())
                .setMessage(refusal.message())
                .setRefusedAtEpochMs(refusal.at().toEpochMilli())
                .setSuppressedBefore(refusal.suppressedBefore());
        refusal.grant().ifPresent(grant -> wire.setJobId(grant.jobId()).setAssignmentId(grant.assignmentId()));
        return wire.build();
    }

    static FileVerified fileVerified(FileResult result) {
        return FileVerified.newBuilder()
                .setPath(result.path())
                .setSize(result.size())
                .setSourceSha256(nullToEmpty(result.sourceDigest()))
                .setDestinationSha256(nullToEmpty(result.destinationDigest()))
                .setOutcome(result.outcome().name())
                .setVerifiedAtEpochMs(
                        result.verifiedAt() == null
                                ? System.currentTimeMillis()
                                : result.verifiedAt().toEpochMilli())
                .setError(nullToEmpty(result.error()))
                .build();
    }

    static TransferFinished finished(PullProgress last) {
        return TransferFinished.newBuilder()
                .setState(last.state().name())
                .setSourceDatasetDigest(nullToEmpty(last.sourceDatasetDigest()))
                .setDestinationDatasetDigest(nullToEmpty(last.destinationDatasetDigest()))
                .setError(nullToEmpty(last.error()))
                .build();
    }

    static Progress progress(PullProgress now) {
        return Progress.newBuilder()
                .setFilesDone(now.filesDone())
                .setFilesTotal(now.filesListed())
                .setBytesDone(now.bytesDone())
                .setBytesTotal(now.bytesListed())
                .setBytesFetched(now.bytesFetched())
                .setManifestComplete(now.manifestComplete())
                .build();
    }

    /** Size and free space of a volume's file system; zeros when it cannot be read. */
    static Volume volume(VolumeRoot root) {
        Volume.Builder volume = Volume.newBuilder().setName(root.name());
        try {
            FileStore store = Files.getFileStore(root.root());
            volume.setTotalBytes(store.getTotalSpace()).setFreeBytes(store.getUsableSpace());
        } catch (IOException e) {
            // Reported as 0/0: the coordinator sees a volume it should not place data on.
        }
        return volume.build();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
