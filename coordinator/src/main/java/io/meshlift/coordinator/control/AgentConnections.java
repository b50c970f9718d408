package io.meshlift.coordinator.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Status;
import org.jboss.logging.Logger;

import io.meshlift.coordinator.transfer.AgentLink;
import io.meshlift.coordinator.transfer.AssignmentOrder;
import io.meshlift.proto.control.v1.CoordinatorMessage;

/**
 * The registered control streams open on this replica, one per agent: a newer registration of the same
 * agent replaces (and closes) the older stream.
 */
@ApplicationScoped
public class AgentConnections implements AgentLink {

    private static final Logger LOG = Logger.getLogger(AgentConnections.class);

    private final Map<String, AgentConnection> open = new ConcurrentHashMap<>();

    void add(AgentConnection connection) {
        AgentConnection previous = open.put(connection.agentId(), connection);
        if (previous != null && previous != connection) {
            LOG.infof("agent %s registered again; closing its previous control stream", connection.agentId());
            previous.close(Status.ABORTED.withDescription("superseded by a newer control stream of the same agent"));
        }
    }

    void remove(AgentConnection connection) {
        open.remove(connection.agentId(), connection);
    }

    /** Closes the agent's stream on this replica, if any, with {@code status}. */
    void close(String agentId, Status status) {
        AgentConnection connection = open.remove(agentId);
        if (connection != null) {
            connection.close(status);
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
        open.clear();
    }
}
