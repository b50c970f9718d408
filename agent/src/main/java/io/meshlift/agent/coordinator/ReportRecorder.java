package io.meshlift.agent.coordinator;

import java.util.Optional;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.meshlift.agent.AgentRuntime;
import io.meshlift.agent.config.AgentConfig;
import io.meshlift.agent.peer.PeerRefusal;
import io.meshlift.agent.peer.PeerRefusalListener;
import io.meshlift.agent.transfer.ExtraneousEntries;
import io.meshlift.agent.transfer.FileResult;
import io.meshlift.agent.transfer.PullListener;
import io.meshlift.agent.transfer.PullProgress;
import io.meshlift.proto.control.v1.Report;

/**
 * Turns what coordinator assignments produce into durable reports: each file's result and each
 * pull's end go to the {@link ReportOutbox}, and so do refusals of peer requests by this agent's peer server as they happen, whether or not the coordinator is
 * reachable. Pulls started through the admin API are not reported. Without
 * {@code agent.coordinator.address} it records nothing and opens no file.
 */
@ApplicationScoped
public class ReportRecorder implements PullListener, PeerRefusalListener {

    static final String OUTBOX_FILE = "coordinator-outbox.mv";

    private final ReportOutbox outbox;

    ReportRecorder(AgentConfig config, AgentRuntime runtime) {
        this.outbox = config.coordinator().address().isPresent()
                ? ReportOutbox.open(runtime.stateDir().resolve(OUTBOX_FILE))
                : null;
    }

    Optional<ReportOutbox> outbox() {
        return Optional.ofNullable(outbox);
    }

    @Override
    public void fileFinished(String pullId, FileResult result) {
        String assignment = outbox == null ? null : outbox.assignmentOf(pullId);
        if (assignment != null) {
            outbox.append(Report.newBuilder().setAssignmentId(assignment).setFile(ControlMapper.fileVerified(result)));
        }
    }

    @Override
    public void entryDeleted(String pullId, ExtraneousEntries.Deleted deleted) {
        String assignment = outbox == null ? null : outbox.assignmentOf(pullId);
        if (assignment != null) {
            outbox.append(
                    Report.newBuilder().setAssignmentId(assignment).setDeleted(ControlMapper.entryDeleted(deleted)));
        }
    }

    @Override
    public void pullFinished(PullProgress last) {
        String assignment = outbox == null ? null : outbox.assignmentOf(last.id());
        if (assignment != null) {
            // The final counters first: periodic progress may be seconds old when the pull ends.
            outbox.append(Report.newBuilder().setAssignmentId(assignment).setProgress(ControlMapper.progress(last)));
            outbox.append(Report.newBuilder().setAssignmentId(assignment).setFinished(ControlMapper.finished(last)));
        }
    }

    /** A refusal by this agent's peer server, for the audit ledger; not about any assignment of ours. */
    @Override
    public void peerRefused(PeerRefusal refusal) {
        if (outbox != null) {
            outbox.append(Report.newBuilder().setPeerRefused(ControlMapper.peerRefusal(refusal)));
        }
    }

    @PreDestroy
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }
}
