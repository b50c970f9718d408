package io.meshlift.coordinator.swarm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.meshlift.coordinator.agent.Agent;
import io.meshlift.coordinator.agent.AgentRepository;
import io.meshlift.coordinator.grant.GrantService;
import io.meshlift.coordinator.transfer.AssignmentIds;
import io.meshlift.coordinator.transfer.Transfer;
import io.meshlift.coordinator.transfer.TransferEngine;
import io.meshlift.coordinator.transfer.TransferRepository;
import io.meshlift.coordinator.transfer.TransferState;

/**
 * The swarm's tracker: for a transfer, the other destinations of the same job and dataset that a
 * destination may fetch verified chunks from, each with a grant for exactly that member's copy. The source is
 * not a member: every assignment names it already.
 *
 * <p>Members are destinations that are assigned, running or finished (a finished destination keeps serving
 * its complete copy), whose agent has told where peers reach it, and that no destination has reported for
 * sending a corrupt chunk in this swarm. A failed or cancelled destination drops out.
 */
@ApplicationScoped
public class SwarmTracker {

    private static final List<TransferState> MEMBER_STATES =
            List.of(TransferState.ASSIGNED, TransferState.RUNNING, TransferState.SUCCEEDED);

    private final TransferRepository transfers;
    private final AgentRepository agents;
    private final GrantService grants;
    private final SwarmQuarantines quarantines;
    private final TransferEngine engine;

    SwarmTracker(
            TransferRepository transfers,
            AgentRepository agents,
            GrantService grants,
            SwarmQuarantines quarantines,
            TransferEngine engine) {
        this.transfers = transfers;
        this.agents = agents;
        this.grants = grants;
        this.quarantines = quarantines;
        this.engine = engine;
    }

    /**
     * The members {@code transfer}'s destination is told about, with fresh grants, sorted by agent id;
     * empty when the plan turns swarming off.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SwarmMember> members(Transfer transfer, boolean swarm) {
        if (!swarm) {
            return List.of();
        }
        List<SwarmMember> members = new ArrayList<>();
        for (Candidate candidate : candidates(transfer)) {
            byte[] grant = grants.issue(new GrantService.Request(
                    transfer.jobId.toString(),
                    transfer.assignmentId,
                    transfer.dataset,
                    candidate.peer().destinationAgent,
                    candidate.peer().destinationVolume,
                    candidate.peer().destinationPath,
                    transfer.destinationAgent));
            members.add(new SwarmMember(
                    candidate.agent().id,
                    candidate.agent().peerHost,
                    candidate.agent().peerPort,
                    candidate.peer().destinationVolume,
                    candidate.peer().destinationPath,
                    grant));
        }
        members.sort(Comparator.comparing(SwarmMember::agentId));
        return members;
    }

    /**
     * The member ids the assignment's destination would be told about now, or empty when the assignment is
     * no longer current: how the scheduler notices that a swarm changed and re-sends the assignment.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Set<String>> memberIds(String assignmentId) {
        return AssignmentIds.transferId(assignmentId)
                .flatMap(transfers::findByIdOptional)
                .filter(t -> assignmentId.equals(t.assignmentId) && !t.state.isTerminal())
                .map(t -> {
                    Set<String> ids = new TreeSet<>();
                    if (engine.settings(t).swarm()) {
                        candidates(t).forEach(c -> ids.add(c.agent().id));
                    }
                    return ids;
                });
    }

    private List<Candidate> candidates(Transfer transfer) {
        Set<String> quarantined = quarantines.of(transfer.jobId, transfer.dataset);
        List<Candidate> candidates = new ArrayList<>();
        List<Transfer> peers = transfers.list(
                "jobId = ?1 and dataset = ?2 and destinationAgent <> ?3 and destinationAgent <> ?4 and state in ?5",
                transfer.jobId,
                transfer.dataset,
                transfer.destinationAgent,
                transfer.sourceAgent,
                MEMBER_STATES);
        for (Transfer peer : peers) {
            if (quarantined.contains(peer.destinationAgent)) {
                continue;
            }
            Agent agent = agents.findById(peer.destinationAgent);
            if (agent == null || agent.peerHost == null || agent.peerPort == null) {
                continue;
            }
            candidates.add(new Candidate(peer, agent));
        }
        return candidates;
    }

    private record Candidate(Transfer peer, Agent agent) {}
}
