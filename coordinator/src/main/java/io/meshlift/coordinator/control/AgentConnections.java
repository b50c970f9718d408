package io.meshlift.coordinator.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Status;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.survey.DatasetSurveyOrder;
import io.meshlift.coordinator.survey.SurveyAnswer;
import io.meshlift.coordinator.survey.SurveyLink;
import io.meshlift.coordinator.transfer.AgentLink;
import io.meshlift.coordinator.transfer.AssignmentOrder;
import io.meshlift.proto.control.v1.CoordinatorMessage;

/**
 * The registered control streams open on this replica, one per agent: a newer registration of the same
 * agent replaces (and closes) the older stream. Also holds the surveys waiting for an answer.
 */
@ApplicationScoped
public class AgentConnections implements AgentLink, SurveyLink {

    private static final Logger LOG = Logger.getLogger(AgentConnections.class);

    private final Map<String, AgentConnection> open = new ConcurrentHashMap<>();
    /** Survey id to the question waiting for its answer. */
    private final Map<String, PendingSurvey> surveys = new ConcurrentHashMap<>();

    private record PendingSurvey(String agentId, CompletableFuture<SurveyAnswer> answer) {}

    void add(AgentConnection connection) {
        AgentConnection previous = open.put(connection.agentId(), connection);
        if (previous != null && previous != connection) {
            LOG.infof("agent %s registered again; closing its previous control stream", connection.agentId());
            previous.close(Status.ABORTED.withDescription("superseded by a newer control stream of the same agent"));
        }
    }

    void remove(AgentConnection connection) {
        if (open.remove(connection.agentId(), connection)) {
            abandonSurveys(connection.agentId());
        }
    }

    /** Closes the agent's stream on this replica, if any, with {@code status}. */
    void close(String agentId, Status status) {
        AgentConnection connection = open.remove(agentId);
        if (connection != null) {
            connection.close(status);
            abandonSurveys(agentId);
        }
    }

    @Override
    public Set<String> connectedAgents() {
        return Set.copyOf(open.keySet());
    }

    @Override
    public boolean assign(String agentId, AssignmentOrder order) {
        AgentConnection connection = open.get(agentId);
        return connection != null && connection.send(ControlMapper.toWire(order));
    }

    @Override
    public boolean command(String agentId, AgentCommand command, String assignmentId) {
        AgentConnection connection = open.get(agentId);
        return connection != null && connection.send(ControlMapper.toWire(command, assignmentId));
    }

    @Override
    public Optional<CompletableFuture<SurveyAnswer>> survey(String agentId, DatasetSurveyOrder order) {
        AgentConnection connection = open.get(agentId);
        if (connection == null) {
            return Optional.empty();
        }
        CompletableFuture<SurveyAnswer> answer = new CompletableFuture<>();
        surveys.put(order.surveyId(), new PendingSurvey(agentId, answer));
        // Forget the question however it ends: answered, abandoned, or given up by the caller.
        answer.whenComplete((result, error) -> surveys.remove(order.surveyId()));
        if (!connection.send(ControlMapper.toWire(order))) {
            answer.cancel(false);
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    /**
     * An answer that arrived on {@code agentId}'s authenticated stream. Only the agent that was asked may
     * answer: an answer to another agent's survey, or to none, is logged and dropped.
     */
    void surveyAnswered(String agentId, SurveyAnswer answer) {
        PendingSurvey pending = surveys.get(answer.surveyId());
        if (pending == null) {
            LOG.debugf("agent %s answered survey %s, which nobody waits for (given up)", agentId, answer.surveyId());
            return;
        }
        if (!pending.agentId().equals(agentId)) {
            LOG.warnf(
                    "agent %s answered survey %s, which was asked of %s; answer dropped",
                    agentId, answer.surveyId(), pending.agentId());
            return;
        }
        pending.answer().complete(answer);
    }

    private void abandonSurveys(String agentId) {
        surveys.values().stream()
                .filter(pending -> pending.agentId().equals(agentId))
                .forEach(pending -> pending.answer()
                        .completeExceptionally(
                                new IllegalStateException("the control stream of agent " + agentId + " closed")));
    }

    /**
     * Closes every stream whose access token expired without a Reauthenticate.
     *
     * @return their agent ids
     */
    List<String> closeExpired(Instant now) {
        List<String> expired = new ArrayList<>();
        for (AgentConnection connection : open.values()) {
            Instant expiry = connection.tokenExpiry();
            if (expiry != null && !now.isBefore(expiry) && open.remove(connection.agentId(), connection)) {
                connection.close(Status.UNAUTHENTICATED.withDescription("the access token of agent "
                        + connection.agentId() + " expired at " + expiry + " without a Reauthenticate"));
                expired.add(connection.agentId());
            }
        }
        return expired;
    }

    /** Sends {@code message} to every open stream on this replica (best effort, as every send). */
    void broadcast(CoordinatorMessage message) {
        open.values().forEach(c -> c.send(message));
    }

    void closeAll(Status status) {
        open.values().forEach(c -> c.close(status));
        open.keySet().forEach(this::abandonSurveys);
        open.clear();
    }
}
