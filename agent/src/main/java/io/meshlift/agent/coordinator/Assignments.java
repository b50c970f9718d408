package io.meshlift.agent.coordinator;

import java.io.IOException;

import org.jboss.logging.Logger;

import io.meshlift.agent.transfer.InvalidPullSpecException;
import io.meshlift.agent.transfer.PullConflictException;
import io.meshlift.agent.transfer.PullNotFoundException;
import io.meshlift.agent.transfer.PullProgress;
import io.meshlift.agent.transfer.PullService;
import io.meshlift.agent.transfer.PullSpec;
import io.meshlift.core.path.PathRejectedException;
import io.meshlift.core.path.UnknownVolumeException;
import io.meshlift.proto.control.v1.Assignment;
import io.meshlift.proto.control.v1.Command;
import io.meshlift.proto.control.v1.Report;

/**
 * Carries out what the coordinator asks: starts assignments as pulls (each at most once, keyed by
 * assignment id) and applies commands. Every answer is a report in the outbox, so it survives a
 * dropped stream like any other.
 */
final class Assignments {

    private static final Logger LOG = Logger.getLogger(Assignments.class);

    private final PullService pulls;
    private final ReportOutbox outbox;
    private final int maxConcurrentPulls;

    Assignments(PullService pulls, ReportOutbox outbox, int maxConcurrentPulls) {
        this.pulls = pulls;
        this.outbox = outbox;
        this.maxConcurrentPulls = maxConcurrentPulls;
    }

    void assign(Assignment assignment) {
        String id = assignment.getAssignmentId();
        String pullId;
        try {
            pullId = PullIds.of(id);
        } catch (InvalidAssignmentException e) {
            refuse(id, e.getMessage());
            return;
        }
        PullProgress existing = find(pullId);
        if (existing != null
                && !existing.state().terminal()
                && !assignment.getGrant().isEmpty()) {
            renewGrant(id, pullId, assignment.getGrant().toByteArray());
        }
        if (existing != null) {
            LOG.infof(
                    "assignment %s is already %s here; reporting its state instead of starting it again",
                    id, existing.state());
            outbox.append(
                    existing.state().terminal()
                            ? Report.newBuilder().setAssignmentId(id).setFinished(ControlMapper.finished(existing))
                            : Report.newBuilder().setAssignmentId(id).setProgress(ControlMapper.progress(existing)));
            return;
        }
        long running = pulls.list().stream().filter(p -> !p.state().terminal()).count();
        if (running >= maxConcurrentPulls) {
            refuse(
                    id,
                    "this agent already runs " + running + " pulls (agent.coordinator.max-concurrent-pulls="
                            + maxConcurrentPulls + ")");
            return;
        }
        try {
            PullSpec spec = ControlMapper.toPullSpec(assignment, pullId);
            spec.toRequest(); // all field problems at once, before anything is recorded
            outbox.rememberAssignment(pullId, id);
            pulls.start(spec);
            LOG.infof(
                    "assignment %s (job %s, dataset %s, pass %d) started as pull %s: %s:%s from %s into %s:%s",
                    id,
                    assignment.getJobId(),
                    assignment.getDataset(),
                    assignment.getPass(),
                    pullId,
                    assignment.getSource().getVolume(),
                    assignment.getSource().getPath(),
                    assignment.getSource().getAgentId(),
                    assignment.getDestinationVolume(),
                    assignment.getDestinationPath());
        } catch (InvalidAssignmentException
                | InvalidPullSpecException
                | UnknownVolumeException
                | PathRejectedException
                | PullConflictException
                | IllegalArgumentException e) {
            refuse(id, e.getMessage());
        } catch (IOException e) {
            refuse(id, "cannot record the pull in the agent's state directory: " + e.getMessage());
        }
    }

    /** The coordinator re-sent a running assignment, with a fresh grant before the old one expires. */
    private void renewGrant(String id, String pullId, byte[] grant) {
        try {
            if (id.equals(outbox.assignmentOf(pullId)) && pulls.renewGrant(pullId, grant)) {
                LOG.debugf("assignment %s: running pull %s takes the fresh grant", id, pullId);
            }
        } catch (IOException e) {
            LOG.warnf("assignment %s: cannot store its fresh grant (%s); it is used until the agent restarts", id, e);
        }
    }

    void command(Command command) {
        String id = command.getAssignmentId();
        switch (command.getKind()) {
            case KIND_CANCEL -> {
                String pullId = known(id);
                if (pullId == null) {
                    refuse(id, "cannot cancel: no assignment '" + id + "' on this agent");
                    return;
                }
                // The pull's end (CANCELLED, or its real end if it finished first) is reported when it stops.
                PullProgress now = pulls.cancel(pullId);
                LOG.infof("assignment %s: cancel requested by the coordinator (state %s)", id, now.state());
                if (now.state().terminal()) {
                    outbox.append(Report.newBuilder().setAssignmentId(id).setFinished(ControlMapper.finished(now)));
                }
            }
            case KIND_PAUSE ->
                refuse(
                        id,
                        command.getKind() + " is not supported by this agent: pulls cannot pause yet. Cancel the "
                                + "assignment and assign it again; the new pull reuses every verified file and chunk");
            // Pulls never pause here, so there is nothing to resume: a running assignment carries on, and
            // one this agent does not run is started by the re-sent Assignment that follows the command
            // (a lease taken over by another replica). Refusing would make the coordinator start a second
            // attempt of a transfer that is still running.
            case KIND_RESUME ->
                LOG.debugf(
                        "assignment %s: resume requested; %s",
                        id,
                        known(id) == null ? "not running here, the re-sent assignment starts it" : "it never paused");
            default -> refuse(id, "unknown command kind " + command.getKindValue());
        }
    }

    /** The pull running assignment {@code id}, or null when this agent never started it. */
    private String known(String id) {
        try {
            String pullId = PullIds.of(id);
            return id.equals(outbox.assignmentOf(pullId)) && find(pullId) != null ? pullId : null;
        } catch (InvalidAssignmentException e) {
            return null;
        }
    }

    private PullProgress find(String id) {
        try {
            return pulls.get(id);
        } catch (PullNotFoundException e) {
            return null;
        }
    }

    private void refuse(String id, String reason) {
        LOG.warnf("assignment %s refused: %s", id, reason);
        outbox.append(Report.newBuilder()
                .setAssignmentId(id)
                .setRefused(io.meshlift.proto.control.v1.AssignmentRefused.newBuilder()
                        .setReason(reason)));
    }
}
